package org.edgenas.surrogate;

/**
 * A stationary covariance function of the scaled distance r = sqrt(Σ ((a_i − b_i) / ℓ_i)²),
 * multiplied by the signal variance σ_f². The length-scales ℓ are per input (ARD) or shared.
 */
public enum Kernel {
  /** Squared exponential: exp(−r²/2); infinitely smooth. */
  RBF,
  /** Matérn ν = 5/2: (1 + √5 r + 5r²/3) exp(−√5 r); twice differentiable. */
  MATERN52;

  private static final double SQRT5 = Math.sqrt(5);

  /** The correlation at scaled squared distance {@code r2}, in (0, 1]. */
  public double correlation(double r2) {
    return switch (this) {
      case RBF -> Math.exp(-0.5 * r2);
      case MATERN52 -> {
        double r = Math.sqrt(r2);
        yield (1 + SQRT5 * r + 5 * r2 / 3) * Math.exp(-SQRT5 * r);
      }
    };
  }

  /** σ_f² · correlation between {@code a} and {@code b} under length-scales {@code ell}. */
  public double covariance(double[] a, double[] b, double[] ell, double signalVariance) {
    double r2 = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (a[i] - b[i]) / ell[ell.length == 1 ? 0 : i];
      r2 += d * d;
    }
    return signalVariance * correlation(r2);
  }
}
