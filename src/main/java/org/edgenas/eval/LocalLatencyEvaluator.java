package org.edgenas.eval;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.edgenas.latency.LatencyMeasurement;
import org.edgenas.latency.LocalOrtProbe;
import org.edgenas.latency.MachineFingerprint;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;

/**
 * Measured latency on this machine ({@code latency_ms@local}): the candidate is exported to ONNX
 * at the recipe's image size and timed in ONNX Runtime with the measurement protocol.
 */
public final class LocalLatencyEvaluator implements Evaluator {
  public static final String DEVICE = "local";

  private final MeasurementProtocol protocol;
  private final CandidateModels models;
  private final MachineFingerprint fingerprint;

  public LocalLatencyEvaluator(MeasurementProtocol protocol, CandidateModels models) {
    this.protocol = protocol;
    this.models = models;
    this.fingerprint = MachineFingerprint.local(OrtRuntime.version(), protocol.intraOpThreads());
  }

  @Override
  public String name() {
    return "latency@local";
  }

  @Override
  public Set<String> metrics() {
    return Set.of("latency_ms@" + DEVICE);
  }

  @Override
  public String profileHash() {
    return Integer.toHexString(protocol.hashCode());
  }

  @Override
  public String deviceFingerprint() {
    return String.join("/", fingerprint.cpuModel(), Integer.toString(fingerprint.cores()), fingerprint.ortVersion(),
        Integer.toString(fingerprint.threads()), fingerprint.hostname()).replace('|', '_');
  }

  @Override
  public String queue() {
    return "device:" + DEVICE;
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) {
    Path onnx = models.forLatency(candidate.architecture(), candidate.imgsz(), candidate.seed());
    LatencyMeasurement m;
    LocalMachine.LOCK.writeLock().lock();
    try {
      m = new LocalOrtProbe(protocol).measure(onnx);
    } finally {
      LocalMachine.LOCK.writeLock().unlock();
    }
    String method = String.format(Locale.ROOT,
        "median of %d timed runs after warm-up (no training running), ONNX Runtime %s CPU, %d intra-op threads, imgsz %d on %s"
            + " (p90 %.3f ms, cv %.1f%%%s)",
        m.stats().n(), fingerprint.ortVersion(), protocol.intraOpThreads(), candidate.imgsz(), fingerprint.cpuModel(),
        m.stats().p90Ms(), m.stats().cv() * 100, m.flags().isEmpty() ? "" : ", flags " + m.flags());
    return Map.of("latency_ms@" + DEVICE, new Measure(m.stats().medianMs(), Kind.MEASURED, method));
  }
}
