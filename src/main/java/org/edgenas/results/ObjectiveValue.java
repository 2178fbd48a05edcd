package org.edgenas.results;

/**
 * One objective value of an evaluation with its provenance.
 *
 * @param kind {@code measured} (proxy-trained mAP, timed latency), {@code exact} (cost model) or
 *     {@code estimate} (surrogate, latency predictor: steers the search, never reported as a
 *     measurement)
 * @param method how it was obtained, in words; may be null
 * @param p90 the 90th percentile of a timed series, or null
 */
public record ObjectiveValue(double value, String kind, String method, Double p90) {
  public static final String MEASURED = "measured";
  public static final String EXACT = "exact";
  public static final String ESTIMATE = "estimate";

  public ObjectiveValue {
    if (!Double.isFinite(value)) throw new IllegalArgumentException("objective value must be finite, was " + value);
    if (!(MEASURED.equals(kind) || EXACT.equals(kind) || ESTIMATE.equals(kind))) {
      throw new IllegalArgumentException("kind must be measured, exact or estimate, was " + kind);
    }
  }

  public boolean isEstimate() {
    return ESTIMATE.equals(kind);
  }
}
