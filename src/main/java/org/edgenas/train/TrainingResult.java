package org.edgenas.train;

import java.time.Duration;
import org.edgenas.arch.Weights;

/**
 * What a proxy-training run produced: the trained weights (BN running statistics included), the
 * per-step total loss (not finite on a skipped step), how long it took, and how many steps were
 * skipped for a non-finite loss or gradients.
 */
public record TrainingResult(Weights weights, float[] losses, int steps, int batch, Duration wall, int skippedSteps) {
  public double imagesPerSecond() {
    return (double) steps * batch / Math.max(1e-9, wall.toNanos() / 1e9);
  }

  /** Mean loss of the steps in [from, to) whose loss is finite (NaN when none is). */
  public double meanLoss(int from, int to) {
    double s = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (Float.isFinite(losses[i])) {
        s += losses[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
