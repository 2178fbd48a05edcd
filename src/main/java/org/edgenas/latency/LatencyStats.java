package org.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * The latency statistics of the whole project, computed once here from per-iteration times in
 * milliseconds.
 *
 * <p>Percentiles (median, p90, p99) use <b>linear interpolation between closest ranks</b> (Hyndman
 * and Fan type 7, the default of numpy and R, and Excel's PERCENTILE.INC): with the n times sorted
 * ascending as x[0..n-1], the p-th percentile sits at position h = (n - 1) * p / 100 and is
 * x[floor(h)] + (h - floor(h)) * (x[floor(h) + 1] - x[floor(h)]). For n = 4 times {1, 2, 3, 4} the
 * median is 2.5 and p90 is 3.7. The standard deviation is the sample one (divisor n - 1; 0 when n =
 * 1) and the coefficient of variation is stdev / mean.
 */
public record LatencyStats(
    @JsonProperty("n") int n,
    @JsonProperty("min_ms") double minMs,
    @JsonProperty("median_ms") double medianMs,
    @JsonProperty("p90_ms") double p90Ms,
    @JsonProperty("p99_ms") double p99Ms,
    @JsonProperty("max_ms") double maxMs,
    @JsonProperty("mean_ms") double meanMs,
    @JsonProperty("stdev_ms") double stdevMs,
    @JsonProperty("cv") double cv) {

  public LatencyStats {
    if (n < 1) throw new IllegalArgumentException("latency statistics need n >= 1, was " + n);
    if (!(minMs <= medianMs && medianMs <= p90Ms && p90Ms <= p99Ms && p99Ms <= maxMs)) {
      throw new IllegalArgumentException(
          "latency statistics must satisfy min <= median <= p90 <= p99 <= max, was "
              + minMs + ", " + medianMs + ", " + p90Ms + ", " + p99Ms + ", " + maxMs);
    }
    if (stdevMs < 0 || cv < 0) {
      throw new IllegalArgumentException("stdev and cv must be >= 0, were " + stdevMs + ", " + cv);
    }
  }

  /** The statistics of the given times; each must be finite and non-negative. */
  public static LatencyStats of(List<Double> timesMs) {
    return of(timesMs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The statistics of the given times; each must be finite and non-negative. */
  public static LatencyStats of(double[] timesMs) {
    if (timesMs.length == 0) throw new IllegalArgumentException("no latency times to summarise");
    double[] sorted = timesMs.clone();
    Arrays.sort(sorted);
    for (double t : sorted) {
      if (!Double.isFinite(t) || t < 0) {
        throw new IllegalArgumentException("latency times must be finite and >= 0 ms, was " + t);
      }
    }
    int n = sorted.length;
    double sum = 0;
    for (double t : sorted) sum += t;
    double mean = sum / n;
    double squares = 0;
    for (double t : sorted) squares += (t - mean) * (t - mean);
    double stdev = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    double cv = mean > 0 ? stdev / mean : 0;
    return new LatencyStats(
        n,
        sorted[0],
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted[n - 1],
        mean,
        stdev,
        cv);
  }

  /**
   * The p-th percentile (0..100) of ascending-sorted values by linear interpolation between closest
   * ranks (see the class comment).
   */
  public static double percentile(double[] sortedAscending, double p) {
    if (sortedAscending.length == 0) throw new IllegalArgumentException("no values");
    if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile must be 0..100, was " + p);
    double h = (sortedAscending.length - 1) * p / 100.0;
    int low = (int) Math.floor(h);
    int high = Math.min(low + 1, sortedAscending.length - 1);
    double lowValue = sortedAscending[low];
    double highValue = sortedAscending[high];
    return Math.min(highValue, lowValue + (h - low) * (highValue - lowValue));
  }
}
