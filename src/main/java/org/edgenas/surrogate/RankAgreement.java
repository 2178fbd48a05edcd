package org.edgenas.surrogate;

import java.util.OptionalDouble;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Surrogate fidelity: Kendall's τ-b (Commons Math) between surrogate predictions and the proxy
 * accuracies later measured for the same candidates. 1 means the surrogate ranks them exactly as
 * proxy training does, 0 no better than chance.
 */
public final class RankAgreement {
  /** Fewer pairs than this give no τ: a rank correlation of two points says nothing. */
  public static final int MIN_PAIRS = 3;

  private RankAgreement() {}

  /** τ-b of the two series, or empty with fewer than {@value #MIN_PAIRS} pairs or a constant series. */
  public static OptionalDouble kendallTau(double[] predicted, double[] measured) {
    if (predicted.length != measured.length) {
      throw new IllegalArgumentException("need paired series, got " + predicted.length + " predictions and " + measured.length + " measurements");
    }
    if (predicted.length < MIN_PAIRS) return OptionalDouble.empty();
    double tau = new KendallsCorrelation().correlation(predicted, measured);
    return Double.isNaN(tau) ? OptionalDouble.empty() : OptionalDouble.of(tau);
  }
}
