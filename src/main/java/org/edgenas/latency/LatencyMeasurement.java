package org.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One latency measurement with its provenance: the model file name, the input it was fed, the
 * statistics and the raw per-run times they came from (the reported series), the protocol, flags
 * ({@value #UNSTABLE}: still over the CV limit after the retries; {@value #OVERSUBSCRIBED}: more
 * intra-op threads than logical cores), how many re-measures it took with the CV of every attempt,
 * a sentence saying how it was measured, and the machine.
 */
public record LatencyMeasurement(
    @JsonProperty("model") String model,
    @JsonProperty("input") String inputName,
    @JsonProperty("input_shape") List<Long> inputShape,
    @JsonProperty("stats") LatencyStats stats,
    @JsonProperty("times_ms") List<Double> timesMs,
    @JsonProperty("protocol") MeasurementProtocol protocol,
    @JsonProperty("flags") List<String> flags,
    @JsonProperty("retries") int retries,
    @JsonProperty("attempt_cvs") List<Double> attemptCvs,
    @JsonProperty("method") String method,
    @JsonProperty("fingerprint") MachineFingerprint fingerprint) {
  public static final String UNSTABLE = "unstable";
  public static final String OVERSUBSCRIBED = "oversubscribed";

  public LatencyMeasurement {
    inputShape = List.copyOf(inputShape);
    timesMs = List.copyOf(timesMs);
    flags = List.copyOf(flags);
    attemptCvs = List.copyOf(attemptCvs);
    if (timesMs.size() != stats.n()) {
      throw new IllegalArgumentException("stats are over " + stats.n() + " times but " + timesMs.size() + " were given");
    }
    if (retries < 0 || attemptCvs.size() != retries + 1) {
      throw new IllegalArgumentException(
          "retries (" + retries + ") must be >= 0 and one less than the attempts (" + attemptCvs.size() + ")");
    }
    if (method == null || method.isBlank()) throw new IllegalArgumentException("method must be given");
  }

  /** Whether the spread stayed above the protocol's limit after every retry. */
  public boolean unstable() {
    return flags.contains(UNSTABLE);
  }
}
