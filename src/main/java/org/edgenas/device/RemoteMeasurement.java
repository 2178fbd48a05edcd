package org.edgenas.device;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.edgenas.latency.LatencyStats;
import org.edgenas.latency.MeasurementProtocol;

/**
 * One latency measurement taken on a device, with its provenance. The statistics are computed on
 * the host with {@link LatencyStats} from the device's per-iteration times (the same code as the
 * local probe).
 *
 * @param device device name
 * @param model model file name (never a local or remote path)
 * @param modelSha256 content hash of the model (the device cache key)
 * @param runtime runtime id ({@code trtexec}, {@code onnxruntime-python}, {@code edgenas-agent})
 * @param runtimeVersion the runtime's version as the tool reported it
 * @param precision engine precision (trtexec) or {@code fp32}
 * @param method how the tool measured, in one sentence
 * @param stats statistics over {@code timesMs}
 * @param timesMs the reported series (the last one taken)
 * @param protocol the protocol asked for
 * @param sustainedSeconds seconds of untimed load before the series (0 = normal warm-up)
 * @param flags {@value #UNSTABLE}, {@value #THROTTLED}, runner flags
 * @param retries how many times the series was taken again (throttled or too wide a spread)
 * @param attemptCvs the CV of every attempt, in order
 * @param engineBuildSeconds engine build time when this measurement built one (trtexec), else NaN
 * @param thermalBefore temperature and throttle right before the reported series
 * @param thermalAfter the same right after it
 * @param fingerprint what the device is and runs (read once per session)
 * @param wallMs host wall time of the reported attempt's remote command
 * @param deviceProcessMs device-side time of the runtime process (start to exit)
 * @param timedLoopMs the sum of the timed runs
 * @param bytesUploaded bytes sent to the device for this measurement (0 when everything was cached)
 */
public record RemoteMeasurement(
    @JsonProperty("device") String device,
    @JsonProperty("model") String model,
    @JsonProperty("model_sha256") String modelSha256,
    @JsonProperty("runtime") String runtime,
    @JsonProperty("runtime_version") String runtimeVersion,
    @JsonProperty("precision") String precision,
    @JsonProperty("method") String method,
    @JsonProperty("stats") LatencyStats stats,
    @JsonProperty("times_ms") List<Double> timesMs,
    @JsonProperty("protocol") MeasurementProtocol protocol,
    @JsonProperty("sustained_s") int sustainedSeconds,
    @JsonProperty("flags") List<String> flags,
    @JsonProperty("retries") int retries,
    @JsonProperty("attempt_cvs") List<Double> attemptCvs,
    @JsonProperty("engine_build_s") double engineBuildSeconds,
    @JsonProperty("thermal_before") ThermalState thermalBefore,
    @JsonProperty("thermal_after") ThermalState thermalAfter,
    @JsonProperty("fingerprint") DeviceFingerprint fingerprint,
    @JsonProperty("wall_ms") double wallMs,
    @JsonProperty("device_process_ms") double deviceProcessMs,
    @JsonProperty("timed_loop_ms") double timedLoopMs,
    @JsonProperty("bytes_uploaded") long bytesUploaded) {
  public static final String UNSTABLE = "unstable";
  public static final String THROTTLED = "throttled";

  public RemoteMeasurement {
    timesMs = List.copyOf(timesMs);
    flags = List.copyOf(flags);
    attemptCvs = List.copyOf(attemptCvs);
    if (stats.n() != timesMs.size()) {
      throw new IllegalArgumentException("stats are over " + stats.n() + " times but " + timesMs.size() + " were given");
    }
    if (retries < 0 || attemptCvs.size() != retries + 1) {
      throw new IllegalArgumentException("retries (" + retries + ") must be one less than the attempts (" + attemptCvs.size() + ")");
    }
  }

  /** Host wall time of the remote command minus the timed loop: what one remote measurement costs on top. */
  public double overheadMs() {
    return wallMs - timedLoopMs;
  }

  /** A few lines for people, as {@code edgenas bench --device} prints them. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("%s on %s (%s, %s)%n", model, device, runtimeVersion, precision));
    b.append(String.format("  median %.3f ms  p90 %.3f ms  p99 %.3f ms  min %.3f ms  max %.3f ms  cv %.3f  (n=%d)%n",
        stats.medianMs(), stats.p90Ms(), stats.p99Ms(), stats.minMs(), stats.maxMs(), stats.cv(), stats.n()));
    b.append(String.format("  method: %s%n", method));
    if (!Double.isNaN(engineBuildSeconds)) b.append(String.format("  engine built in %.1f s%n", engineBuildSeconds));
    b.append(String.format("  thermal: before %s, after %s%n", thermal(thermalBefore), thermal(thermalAfter)));
    b.append(String.format("  retries %d; flags %s%n", retries, flags.isEmpty() ? "none" : String.join(", ", flags)));
    b.append(String.format("  wall %.0f ms (device process %.0f ms, timed loop %.1f ms), uploaded %d bytes%n",
        wallMs, deviceProcessMs, timedLoopMs, bytesUploaded));
    return b.toString();
  }

  private static String thermal(ThermalState t) {
    double c = t.hottestC();
    String temp = Double.isNaN(c) ? "no temperature" : String.format("%.1f °C", c);
    return t.throttle() == null ? temp : temp + ", throttle " + t.throttle().describe();
  }
}
