package org.edgenas.latency;

import java.math.BigDecimal;

/** Wording shared by messages and results: plain numbers and the "how it was measured" sentence. */
final class MethodText {
  private MethodText() {}

  /** A number without trailing zeros or exponent: 1.0 → "1", 0.10 → "0.1". */
  static String number(double value) {
    if (!Double.isFinite(value)) return Double.toString(value);
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * "onnxruntime-java 1.29.0 CPU, 4 threads, 50 timed runs after 10 warm-up/≥1s": the runtime, the
   * threads and the warm-up and repeat counts of a local measurement.
   */
  static String method(String ortVersion, MeasurementProtocol protocol) {
    int threads = protocol.intraOpThreads();
    return "onnxruntime-java " + ortVersion + " CPU, "
        + threads + (threads == 1 ? " thread, " : " threads, ")
        + protocol.repeats() + " timed runs after "
        + protocol.warmupIterations() + " warm-up/≥" + number(protocol.warmupMinSeconds()) + "s";
  }
}
