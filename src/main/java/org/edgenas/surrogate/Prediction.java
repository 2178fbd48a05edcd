package org.edgenas.surrogate;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A Gaussian-process prediction at one point: the posterior mean and standard deviation of the
 * latent function (observation noise excluded). An estimate, never a measurement.
 */
public record Prediction(double mean, double stdev) {
  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  public Prediction {
    if (!Double.isFinite(mean)) throw new IllegalArgumentException("prediction mean must be finite, was " + mean);
    if (!(stdev >= 0) || !Double.isFinite(stdev)) throw new IllegalArgumentException("prediction stdev must be finite and >= 0, was " + stdev);
  }

  /**
   * Expected improvement over {@code best} for a quantity to maximise, with exploration margin
   * {@code xi} ≥ 0: E[max(0, f − best − xi)] = (μ − best − xi)·Φ(z) + σ·φ(z), z = (μ − best − xi)/σ;
   * with σ = 0 it is max(0, μ − best − xi).
   */
  public double expectedImprovement(double best, double xi) {
    if (xi < 0) throw new IllegalArgumentException("xi must be >= 0, was " + xi);
    double gain = mean - best - xi;
    if (stdev == 0) return Math.max(0, gain);
    double z = gain / stdev;
    return gain * STANDARD.cumulativeProbability(z) + stdev * STANDARD.density(z);
  }

  /** The value at probability level {@code p} of the predictive normal (0 < p < 1). */
  public double quantile(double p) {
    if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), was " + p);
    return mean + stdev * STANDARD.inverseCumulativeProbability(p);
  }
}
