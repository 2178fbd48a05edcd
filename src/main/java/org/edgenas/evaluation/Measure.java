package org.edgenas.evaluation;

import java.util.Objects;

/**
 * One value of one metric with its provenance.
 *
 * @param value the value (finite)
 * @param kind measured, estimated or exact
 * @param method how it was obtained, in words a reader can check ("cost model", "linear latency
 *     predictor 0.3 ms + 45 ms/GFLOP + ...")
 */
public record Measure(double value, Kind kind, String method) {
  public Measure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    if (!Double.isFinite(value)) throw new IllegalArgumentException(method + " gave a non-finite value " + value);
  }

  /** MEASURED beats EXACT beats ESTIMATE when two evaluators give the same metric. */
  int rank() {
    return switch (kind) {
      case MEASURED -> 2;
      case EXACT -> 1;
      case ESTIMATE -> 0;
    };
  }
}
