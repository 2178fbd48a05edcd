package org.edgenas.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.latency.AgentReport;

/**
 * The {@code edgenas-agent} runtime: ONNX Runtime Java on the device, started as {@code JAVA -cp
 * <cached jars> org.edgenas.latency.AgentMain bench MODEL ...} with the device file's {@code java}
 * (Java 25 or newer, checked once per session). The jars of {@link AgentBundle} and the model go
 * through the device's content-addressed cache. The agent measures with the host's protocol but no
 * re-measures of its own ({@code --max-retries 0}): the host applies the spread rule to every runtime alike.
 */
public final class AgentRunner implements DeviceRunner {
  private static final Duration VERSION_DEADLINE = Duration.ofSeconds(30);
  private String checkedJava;
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
