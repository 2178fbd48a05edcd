package org.edgenas.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;
import org.edgenas.device.tools.DeviceOutputException;
import org.edgenas.latency.LatencyStats;
import org.edgenas.latency.MeasurementProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures models on one device under the measurement protocol: the device's cool-down between two
 * models; the runner's command with the temperature and throttle state read right before and right
 * after it and the runtime process timed on the device, all in ONE remote command on the kept SSH
 * session; statistics on the host with {@link LatencyStats}. A series taken while the device
 * throttled, or whose CV exceeds the protocol's {@code maxCv}, is taken again up to {@code
 * maxRetries} times; the last series is reported, flagged {@value RemoteMeasurement#THROTTLED} or
 * {@value RemoteMeasurement#UNSTABLE} when it still is. The device fingerprint is read once per probe.
 */
public final class DeviceLatencyProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceLatencyProbe.class);
  private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(10);
  private static final String BEFORE = ThermalState.SNIPPET + "\nedgenas_thermal before; echo '" + DeviceProbe.MARK
      + "run'; s0=$(date +%s%N)\n(\n";
  private static final String AFTER = "\n); rc=$?; s1=$(date +%s%N); edgenas_thermal after; echo '" + DeviceProbe.MARK
      + "process_ms'; echo $(( (s1 - s0) / 1000000 )); exit $rc";

  private final SshTransport ssh;
  private DeviceRunner runner;
  private DeviceFingerprint fingerprint;
  private long lastEndNanos;
  private boolean measuredBefore;

  /** A probe on its own SSH transport, with the runner of the device's runtime. */
  public DeviceLatencyProbe(Device device) {
    this(new SshTransport(device), null);
  }

  /** A probe on {@code ssh}; {@code runner} null picks the device runtime's runner. */
  public DeviceLatencyProbe(SshTransport ssh, DeviceRunner runner) {
    this.ssh = ssh;
    this.runner = runner;
  }

  public Device device() {
    return ssh.device();
  }

  public SshTransport transport() {
    return ssh;
  }

  /** The device fingerprint, probed on first use. */
  public synchronized DeviceFingerprint fingerprint() {
    if (fingerprint == null) fingerprint = DeviceProbe.run(ssh, HEALTH_DEADLINE.multipliedBy(3));
    return fingerprint;
  }

  /** True when the device answers a trivial command within 10 s. */
  public boolean healthy() {
    try {
      return ssh.exec(HEALTH_DEADLINE, "true").ok();
    } catch (DeviceException e) {
      return false;
    }
  }

  /**
   * Measures {@code model} (see the class comment); a missing model is a {@link BadInputException},
   * device failures are {@link DeviceException}s.
   */
  public synchronized RemoteMeasurement measure(Path model, RunRequest request) {
    Device device = ssh.device();
    if (!Files.isRegularFile(model)) throw new BadInputException(model + ": no such file (expected an ONNX model)");
    coolDown(device);
    DeviceFingerprint fp = fingerprint();
    if (runner == null) runner = DeviceRunners.forDevice(device, fp);
    long sentBefore = ssh.bytesSent();
    RunnerCommand command = runner.prepare(ssh, model, request);
    String sha = Sha256.hex(model);
    MeasurementProtocol protocol = request.protocol();
    List<Double> cvs = new ArrayList<>();
    List<String> flags = new ArrayList<>();
    double build = Double.NaN;
    try {
      for (int retries = 0; ; retries++) {
        Attempt a = attempt(device, command, request);
        if (!Double.isNaN(a.output.engineBuildSeconds())) build = a.output.engineBuildSeconds();
        LatencyStats stats = LatencyStats.of(a.output.timesMs());
        cvs.add(stats.cv());
        boolean throttled = a.before.throttledNow() || a.after.throttledNow();
        boolean wide = stats.cv() > protocol.maxCv();
        if ((!throttled && !wide) || retries == protocol.maxRetries()) {
          List<String> all = new ArrayList<>(a.output.flags());
          all.addAll(flags);
          if (throttled) all.add(RemoteMeasurement.THROTTLED);
          if (wide) all.add(RemoteMeasurement.UNSTABLE);
          return new RemoteMeasurement(device.name(), fileName(model), sha, runner.runtime().id(),
              a.output.runtimeVersion(), request.precision().id(), a.output.method(), stats, a.output.timesMs(),
              protocol, request.sustainedSeconds(), all, retries, cvs, build, a.before, a.after, fp,
              a.wallMs, a.processMs, a.output.timedLoopMs(), ssh.bytesSent() - sentBefore);
        }
        String why = throttled ? "remeasured_throttled" : "remeasured_spread";
        if (!flags.contains(why)) flags.add(why);
        LOG.info("device {}: {} of {} re-measured ({}, cv {})", device.name(), fileName(model), why,
            throttled ? "throttled" : "spread", String.format("%.3f", stats.cv()));
      }
    } finally {
      lastEndNanos = System.nanoTime();
      measuredBefore = true;
    }
  }

  record Attempt(RunnerOutput output, ThermalState before, ThermalState after, double wallMs, double processMs) {}

  private Attempt attempt(Device device, RunnerCommand command, RunRequest request) {
    if (runner instanceof AgentRunner agent) {
      ResidentAgent.Answer a = agent.measureResident(ssh, request);
      if (a != null) {
        RunnerOutput output = new RunnerOutput(a.report().timesMs(), "onnxruntime-java " + a.report().ort(),
            a.report().method(), a.report().flags(), Double.NaN);
        return new Attempt(output, a.before(), a.after(), a.wallMs(), a.serveMs());
      }
    }
    RemoteCommand remote = command.around(BEFORE, List.of(), AFTER, List.of());
    ExecResult r = ssh.exec(remote, device.timeouts().command());
    if (r.exitCode() == -1) {
      throw new DeviceException(device.name(), "the measuring command ended without an exit status"
          + " (connection lost or process killed)");
    }
    Map<String, String> sections = DeviceProbe.sections(r.stdout());
    if (!sections.containsKey("before") || !sections.containsKey("run")) {
      throw new DeviceException(device.name(), "the measuring command printed no thermal/run sections (exit "
          + r.exitCode() + "): " + r.lastStderrLine());
    }
    RunnerOutput output = runner.parse(device, r, sections.get("run"));
    try {
      ThermalState before = ThermalState.parse(sections.get("before"));
      ThermalState after = ThermalState.parse(sections.getOrDefault("after", ""));
      String ms = sections.getOrDefault("process_ms", "").strip();
      double processMs = ms.matches("\\d+") ? Long.parseLong(ms) : Double.NaN;
      return new Attempt(output, before, after, r.elapsed().toNanos() / 1e6, processMs);
    } catch (DeviceOutputException e) {
      throw new DeviceException(device.name(), e.getMessage(), e);
    }
  }

  private void coolDown(Device device) {
    if (!measuredBefore || device.cooldownSeconds() == 0) return;
    long wait = Duration.ofSeconds(device.cooldownSeconds()).toNanos() - (System.nanoTime() - lastEndNanos);
    if (wait <= 0) return;
    try {
      Thread.sleep(Duration.ofNanos(wait));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceException(device.name(), "interrupted during the cool-down", e);
    }
  }

  private static String fileName(Path model) {
    return model.getFileName() == null ? model.toString() : model.getFileName().toString();
  }

  @Override
  public void close() {
    if (runner instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.info("device {}: closing the runner failed: {}", ssh.device().name(), e.getMessage());
      }
    }
    ssh.close();
  }
}
