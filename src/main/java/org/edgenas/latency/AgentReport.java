package org.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.edgenas.common.Json;

/**
 * What the device-side agent ({@code edgenas agent bench}) prints: ONE JSON line with the runtime,
 * its version, the raw times of the reported series, the flags and re-measures, the method sentence
 * and protocol, and the machine.
 * The device runner parses it with {@link #parse} and computes {@link LatencyStats} itself.
 */
public record AgentReport(
    @JsonProperty("runtime") String runtime,
    @JsonProperty("ort") String ort,
    @JsonProperty("times_ms") List<Double> timesMs,
    @JsonProperty("flags") List<String> flags,
    @JsonProperty("retries") int retries,
    @JsonProperty("method") String method,
    @JsonProperty("protocol") MeasurementProtocol protocol,
    @JsonProperty("fingerprint") MachineFingerprint fingerprint) {
  public static final String RUNTIME = "onnxruntime-java";

  public AgentReport {
    if (runtime == null || runtime.isBlank()) throw new IllegalArgumentException("runtime must be given");
    if (timesMs == null || timesMs.isEmpty()) throw new IllegalArgumentException("times_ms must hold at least one time");
    if (fingerprint == null) throw new IllegalArgumentException("fingerprint must be given");
    timesMs = List.copyOf(timesMs);
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  public static AgentReport of(LatencyMeasurement m) {
    return new AgentReport(RUNTIME, m.fingerprint().ortVersion(), m.timesMs(), m.flags(), m.retries(),
        m.method(), m.protocol(), m.fingerprint());
  }

  /** The statistics of the reported times. */
  public LatencyStats stats() {
    return LatencyStats.of(timesMs);
  }

  /** The one-line JSON form. */
  public String toJsonLine() {
    return Json.line(this);
  }

  /** Parses an agent's line; a line that is not such a report is an {@link IllegalArgumentException}. */
  public static AgentReport parse(String line) {
    try {
      return Json.mapper().readValue(line, AgentReport.class);
    } catch (JsonProcessingException | RuntimeException e) {
      String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
      throw new IllegalArgumentException("not an edgenas agent report: " + shown + " (" + e.getMessage() + ")", e);
    }
  }
}
