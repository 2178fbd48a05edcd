package org.edgenas.train;

import java.time.Duration;

/**
 * The state of a training run after a step: the step (1-based) of {@code steps}, the total and
 * gained component losses of that step, throughput and time.
 */
public record TrainingProgress(int step, int steps, float loss, float box, float cls, float dfl,
    double imagesPerSecond, Duration elapsed, Duration remaining) {}
