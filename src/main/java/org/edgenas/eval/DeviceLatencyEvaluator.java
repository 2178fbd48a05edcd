package org.edgenas.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.edgenas.device.Device;
import org.edgenas.device.DevicePool;
import org.edgenas.device.PoolPolicy;
import org.edgenas.device.Precision;
import org.edgenas.device.RemoteMeasurement;
import org.edgenas.device.RunRequest;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;

/**
 * Measured latency on a device of the inventory ({@code latency_ms@NAME}): the candidate's ONNX
 * file goes over SSH into the device's cache and is timed there with its own runtime, at the
 * precision its bit widths ask for. Retries with back-off, then quarantine (see {@link DevicePool}):
 * a dropped device fails its candidates with the reason and never stops the search.
 */
public final class DeviceLatencyEvaluator implements Evaluator, AutoCloseable {
  private final String name;
  private final Device device;
  private final MeasurementProtocol protocol;
  private final CandidateModels models;
  private final DevicePool pool;
  private volatile String fingerprint;

  /** @param device the device as its file was read (a recipe reads it once) */
  public DeviceLatencyEvaluator(Device device, MeasurementProtocol protocol, CandidateModels models) {
    this.name = device.name();
    this.device = device;
    this.protocol = protocol;
    this.models = models;
    this.pool = DevicePool.of(List.of(device), PoolPolicy.DEFAULT);
  }

  @Override
  public String name() {
    return "latency@" + name;
  }

  @Override
  public Set<String> metrics() {
    return Set.of("latency_ms@" + name);
  }

  @Override
  public String profileHash() {
    return Integer.toHexString(protocol.hashCode());
  }

  /**
   * The device's runtime identity: host, runtime and its version as the device reports them (read
   * once over SSH), so a change of runtime version invalidates the device's cached measurements.
   * An unreachable device answers "unreachable" (its measurements then fail with the reason).
   */
  @Override
  public synchronized String deviceFingerprint() {
    if (fingerprint == null) {
      String version;
      try (org.edgenas.device.DeviceLatencyProbe probe = new org.edgenas.device.DeviceLatencyProbe(device)) {
        version = probe.fingerprint().runtimeVersion();
      } catch (RuntimeException e) {
        version = "unreachable";
      }
      fingerprint = (device.host() + ":" + device.port() + "/" + device.runtime() + "/" + version).replace('|', '_');
    }
    return fingerprint;
  }

  @Override
  public String queue() {
    return "device:" + name;
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) throws Exception {
    Path onnx = models.forLatency(candidate.architecture(), candidate.imgsz(), candidate.seed());
    RunRequest request = new RunRequest(protocol, Precision.of(candidate.architecture()), 0);
    RemoteMeasurement m;
    try {
      m = pool.submit(name, onnx, request).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
    String method = String.format(Locale.ROOT, "median over SSH on %s: %s", name, m.describe().lines().findFirst().orElse(""));
    return Map.of("latency_ms@" + name, new Measure(m.stats().medianMs(), Kind.MEASURED, method));
  }

  @Override
  public void close() {
    pool.close();
  }
}
