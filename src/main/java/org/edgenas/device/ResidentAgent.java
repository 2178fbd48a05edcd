package org.edgenas.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.edgenas.common.Json;
import org.edgenas.device.tools.DeviceOutputException;
import org.edgenas.latency.AgentReport;
import org.edgenas.latency.MeasurementProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resident edgenas agent on one device ({@code AgentMain serve}): one JVM started over an exec
 * channel that stays open, measuring one JSON request per line with ONNX Runtime kept warm. It runs
 * under {@code timeout -s KILL} of {@link #LIFETIME}; a request past its deadline closes the channel
 * and kills the agent by its process id. Not thread-safe: its runner uses it one request at a time.
 */
final class ResidentAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResidentAgent.class);
  /** The longest a resident agent lives; a later request starts a new one. */
  static final Duration LIFETIME = Duration.ofHours(12);
  private static final Duration KILL_DEADLINE = Duration.ofSeconds(10);
  private static final String THERMAL_SCRIPT = ThermalState.SNIPPET + "\nedgenas_thermal \"$1\"";

  private final SshTransport ssh;
  private final ExecStream stream;
  private final long pid;

  /** The agent's output broke off or made no sense: it is gone (its runner may start another). */
  static final class DiedException extends DeviceException {
    DiedException(String device, String message) {
      super(device, message);
    }
  }

  /** One answer: the report, the thermal sections, the agent's own time on it and the host's wall time. */
  record Answer(AgentReport report, ThermalState before, ThermalState after, double serveMs, double wallMs) {}

  private ResidentAgent(SshTransport ssh, ExecStream stream, long pid) {
    this.ssh = ssh;
    this.stream = stream;
    this.pid = pid;
  }

  /** Starts {@code java -cp CLASSPATH AgentMain serve} and waits up to {@code deadline} for its ready line. */
  static ResidentAgent start(SshTransport ssh, String java, List<String> classPath, Duration deadline) {
    String device = ssh.device().name();
    RemoteCommand command = RemoteCommand.of("exec {} --enable-native-access=ALL-UNNAMED -cp {} "
        + AgentBundle.MAIN_CLASS + " serve --thermal-script {}", java, String.join(":", classPath), THERMAL_SCRIPT);
    ExecStream stream = ssh.openStream(command, LIFETIME);
    try {
      String line = stream.readLine(deadline, "the resident agent's start");
      JsonNode ready = line == null ? null : json(line);
      if (ready == null || !ready.path("ready").asBoolean() || !ready.path("pid").canConvertToLong()) {
        throw new DiedException(device, "the resident agent did not start: "
            + (line == null ? "it ended (" + stream.lastStderrLine() + ")" : "it printed " + shorten(line)));
      }
      LOG.debug("device {}: resident agent started (pid {})", device, ready.get("pid").asLong());
      return new ResidentAgent(ssh, stream, ready.get("pid").asLong());
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
  }

  /**
   * Measures the model at {@code remoteModel}. An {@code error} answer is a {@link DeviceException} (the
   * agent lives on); no answer is a {@link DiedException}; none within {@code deadline} a {@link
   * DeviceTimeoutException} (the caller then {@link #kill}s it).
   */
  Answer measure(String remoteModel, int threads, RunRequest request, Duration deadline) {
    String device = ssh.device().name();
    MeasurementProtocol p = request.protocol();
    ObjectNode r = Json.mapper().createObjectNode().put("model", remoteModel).put("threads", threads)
        .put("warmup", p.warmupIterations()).put("warmup_seconds", request.warmupSeconds())
        .put("repeats", p.repeats()).put("max_cv", p.maxCv()).put("max_retries", 0);
    long start = System.nanoTime();
    stream.send(r.toString());
    String line = stream.readLine(deadline, "a measurement by the resident agent");
    double wallMs = (System.nanoTime() - start) / 1e6;
    if (line == null) throw new DiedException(device, "the resident agent ended (" + stream.lastStderrLine() + ")");
    JsonNode answer = json(line);
    if (answer == null || !answer.isObject()) throw new DiedException(device, "the resident agent printed " + shorten(line));
    if (answer.has("error")) throw new DeviceException(device, "the resident agent failed: " + answer.get("error").asText());
    try {
      return new Answer(AgentReport.parse(line), thermal(answer, "before"), thermal(answer, "after"),
          answer.path("serve_ms").asDouble(Double.NaN), wallMs);
    } catch (IllegalArgumentException | DeviceOutputException e) {
      throw new DiedException(device, "the resident agent's answer is unreadable: " + e.getMessage());
    }
  }

  private static ThermalState thermal(JsonNode answer, String label) {
    String text = answer.path("thermal_" + label).asText("");
    return ThermalState.parse(DeviceProbe.sections(text).getOrDefault(label, ""));
  }

  private static JsonNode json(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (Exception e) {
      return null;
    }
  }

  private static String shorten(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Closes the channel and kills the agent's process on the device (best effort). */
  void kill() {
    stream.close();
    try {
      ssh.exec(KILL_DEADLINE, "kill -KILL {} 2>/dev/null; true", Long.toString(pid));
    } catch (DeviceException e) {
      LOG.info("device {}: could not kill the resident agent (pid {}): {}", ssh.device().name(), pid, e.getMessage());
    }
  }

  boolean alive() {
    return stream.alive();
  }

  /** Ends the agent's input: it closes its sessions and exits. */
  @Override
  public void close() {
    stream.close();
  }
}
