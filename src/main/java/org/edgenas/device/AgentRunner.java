package org.edgenas.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.latency.AgentReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code edgenas-agent} runtime: ONNX Runtime Java on the device, started as {@code JAVA -cp
 * <cached jars> org.edgenas.latency.AgentMain bench MODEL ...} with the device file's {@code java}
 * (Java 25 or newer, checked once per session). The jars of {@link AgentBundle} and the model go
 * through the device's content-addressed cache. The agent measures with the host's protocol but no
 * re-measures of its own ({@code --max-retries 0}): the host applies the spread rule to every runtime alike.
 *
 * <p>The probe measures on a RESIDENT agent ({@code AgentMain serve}, see {@link #measureResident}): one
 * JVM per device session with ONNX Runtime and its sessions kept warm, so a measurement costs one request
 * line instead of a JVM start. {@link #prepare}'s command (a JVM per measurement) is the fallback when
 * the resident agent keeps dying.
 */
public final class AgentRunner implements DeviceRunner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
  private static final Duration VERSION_DEADLINE = Duration.ofSeconds(30);
  /** Resident agents started per runner before it falls back to a JVM per measurement for good. */
  private static final int RESIDENT_STARTS = 2;
  private String checkedJava;
  private List<String> classPath;
  private String preparedModel;
  private ResidentAgent resident;
  private int residentStarts;
  private boolean residentOff;
  /** The agent's jars already in this device's cache: they do not change while this JVM runs. */
  private final Map<Path, String> shipped = new ConcurrentHashMap<>();

  @Override
  public DeviceRuntime runtime() {
    return DeviceRuntime.EDGENAS_AGENT;
  }

  @Override
  public RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request) {
    Device device = ssh.device();
    checkJava(ssh);
    List<String> classPath = new ArrayList<>();
    for (Path jar : AgentBundle.jars()) classPath.add(shipped.computeIfAbsent(jar, j -> ssh.upload(j).remotePath()));
    String remoteModel = ssh.upload(model).remotePath();
    synchronized (this) {
      this.classPath = List.copyOf(classPath);
      this.preparedModel = remoteModel;
    }
    ProtocolArgs a = ProtocolArgs.of(device, request);
    return RunnerCommand.of("{} --enable-native-access=ALL-UNNAMED -cp {} " + AgentBundle.MAIN_CLASS
            + " bench {} --threads {} --warmup {} --warmup-seconds {} --repeats {} --max-cv {} --max-retries 0",
        device.java(), String.join(":", classPath), remoteModel, a.threads(), a.warmup(), a.warmupSeconds(),
        a.repeats(), a.maxCv());
  }

  @Override
  public RunnerOutput parse(Device device, ExecResult result, String stdout) {
    if (!result.ok()) throw failed(device, result);
    String line = RunnerLines.lastJsonLine(stdout);
    AgentReport report;
    try {
      report = AgentReport.parse(line == null ? stdout.strip() : line);
    } catch (IllegalArgumentException e) {
      throw new DeviceException(device.name(), "the edgenas agent printed no report: " + e.getMessage(), e);
    }
    return new RunnerOutput(report.timesMs(), "onnxruntime-java " + report.ort(), report.method(), report.flags(),
        Double.NaN);
  }

  /**
   * Measures the model of the last {@link #prepare} on the device's resident agent (started on first
   * use, kept for the session). Returns null when this runner has fallen back to a JVM per
   * measurement: the resident agent died, was started again, and died again. A request past the
   * device's command deadline kills the agent and throws {@link DeviceTimeoutException}; the next
   * request starts a new one.
   */
  synchronized ResidentAgent.Answer measureResident(SshTransport ssh, RunRequest request) {
    Device device = ssh.device();
    Duration deadline = device.timeouts().command();
    while (!residentOff) {
      if (resident == null) {
        if (residentStarts >= RESIDENT_STARTS) {
          LOG.warn("device {}: the resident agent died {} times; one JVM per measurement from now on",
              device.name(), residentStarts);
          residentOff = true;
          break;
        }
        residentStarts++;
        try {
          resident = ResidentAgent.start(ssh, device.java(), classPath, deadline);
        } catch (ResidentAgent.DiedException | DeviceTimeoutException e) {
          LOG.info("device {}: the resident agent did not start: {}", device.name(), e.getMessage());
          continue;
        }
      }
      try {
        return resident.measure(preparedModel, request.threads(device), request, deadline);
      } catch (DeviceTimeoutException e) {
        resident.kill();
        resident = null;
        throw e;
      } catch (ResidentAgent.DiedException e) {
        LOG.info("device {}: {}", device.name(), e.getMessage());
        resident.kill();
        resident = null;
      }
    }
    return null;
  }

  /** Ends the resident agent, if one runs. */
  @Override
  public synchronized void close() {
    if (resident != null) resident.close();
    resident = null;
  }

  private synchronized void checkJava(SshTransport ssh) {
    Device device = ssh.device();
    if (device.java().equals(checkedJava)) return;
    ExecResult r = ssh.exec(VERSION_DEADLINE, "{} -version 2>&1 | head -n 1", device.java());
    String problem = JavaVersions.problem(r.stdout().strip());
    if (problem != null) throw new RunnerSetupException(device.name(), problem + " [java: " + device.java() + "]");
    checkedJava = device.java();
  }

  private static RemoteCommandException failed(Device device, ExecResult result) {
    return new RemoteCommandException(device.name(), "the edgenas agent", result);
  }
}
