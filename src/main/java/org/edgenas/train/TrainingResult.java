package org.edgenas.train;

import java.time.Duration;
import org.edgenas.arch.Weights;

/**
 * What a proxy-training run produced: the trained weights (BN running statistics included), the
 * per-step total loss, and how long it took.
 */
public record TrainingResult(Weights weights, float[] losses, int steps, int batch, Duration wall) {
  public double imagesPerSecond() {
    return (double) steps * batch / Math.max(1e-9, wall.toNanos() / 1e9);
  }

  /** Mean loss of steps [from, to). */
  public double meanLoss(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) s += losses[i];
    return s / (to - from);
  }
}
