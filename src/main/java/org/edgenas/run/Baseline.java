package org.edgenas.run;

import org.edgenas.evaluation.Evaluation;

/**
 * A reference architecture of the recipe ({@code yolo11n}) evaluated after the search with the
 * same evaluators; drawn beside the front, never part of it.
 *
 * @param name the reference's name (its file name under {@code spaces/reference/})
 * @param evaluation its evaluation (no picks: it is not a point of the space)
 */
public record Baseline(String name, Evaluation evaluation) {}
