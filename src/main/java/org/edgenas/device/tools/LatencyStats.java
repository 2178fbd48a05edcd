package org.edgenas.device.tools;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One statistics line of a tool's summary, in milliseconds.
 *
 * @param percentiles percentile (e.g. 99.0) to value in ms, as many as the tool printed
 */
public record LatencyStats(double minMs, double maxMs, double meanMs, double medianMs, SortedMap<Double, Double> percentiles) {
  public LatencyStats {
    percentiles = new TreeMap<>(percentiles);
    if (minMs > maxMs) throw new IllegalArgumentException("min " + minMs + " ms exceeds max " + maxMs + " ms");
  }

  /** The value printed for percentile {@code p}, or NaN when the tool did not print it. */
  public double percentile(double p) {
    return percentiles.getOrDefault(p, Double.NaN);
  }

  static LatencyStats of(double min, double max, double mean, double median, Map<Double, Double> percentiles) {
    return new LatencyStats(min, max, mean, median, new TreeMap<>(percentiles));
  }
}
