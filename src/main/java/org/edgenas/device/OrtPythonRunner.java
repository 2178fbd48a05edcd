package org.edgenas.device;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/**
 * The {@code onnxruntime-python} runtime: the runner script {@code evaluators/runners/ort_runner.py}
 * (uploaded through the device cache on first use) run with the device's {@code python3} and its
 * ONNX Runtime; it prints one JSON line with the times. Exit code 3 from the script means python3
 * cannot import onnxruntime, reported as a {@link RunnerSetupException}.
 */
public final class OrtPythonRunner implements DeviceRunner {
  /** Where the runner script lives, relative to the edgenas folder. */
  public static final Path DEFAULT_SCRIPT = Path.of("evaluators", "runners", "ort_runner.py");
  static final int NO_RUNTIME = 3;
  private final Path script;
  private final String python;

  /** The shipped script, run with {@code python3}. */
  public OrtPythonRunner() {
    this(DEFAULT_SCRIPT, "python3");
  }

  /** {@code script} run with {@code python} (a command or path on the device). */
  public OrtPythonRunner(Path script, String python) {
    this.script = script;
    this.python = python;
  }

  @Override
  public DeviceRuntime runtime() {
    return DeviceRuntime.ONNXRUNTIME_PYTHON;
  }

  @Override
  public RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request) {
    if (!Files.isRegularFile(script)) {
      throw new BadInputException(script + ": the onnxruntime-python runner script is missing"
          + " (run edgenas from its folder, where evaluators/runners/ holds it)");
    }
    String remoteScript = ssh.upload(script).remotePath();
    String remoteModel = ssh.upload(model).remotePath();
    ProtocolArgs a = ProtocolArgs.of(ssh.device(), request);
    return RunnerCommand.of("{} {} {} --threads {} --warmup {} --warmup-seconds {} --repeats {}",
        python, remoteScript, remoteModel, a.threads(), a.warmup(), a.warmupSeconds(), a.repeats());
  }

  @Override
  public RunnerOutput parse(Device device, ExecResult result, String stdout) {
    if (result.exitCode() == NO_RUNTIME) throw new RunnerSetupException(device.name(), result.lastStderrLine());
    if (!result.ok()) throw new RemoteCommandException(device.name(), "the onnxruntime-python runner", result);
    String line = RunnerLines.lastJsonLine(stdout);
    try {
      JsonNode root = Json.mapper().readTree(line == null ? "" : line);
      JsonNode times = root == null ? null : root.get("times_ms");
      if (times == null || !times.isArray() || times.isEmpty()) throw new IllegalArgumentException("no times_ms array");
      List<Double> ms = new ArrayList<>();
      for (JsonNode t : times) {
        if (!t.isNumber()) throw new IllegalArgumentException("times_ms holds a non-number: " + t);
        ms.add(t.doubleValue());
      }
      String ort = root.path("ort").asText("unknown");
      String method = "onnxruntime-python " + ort + " (python " + root.path("python").asText("?") + ") CPU, "
          + root.path("threads").asInt() + " threads, " + ms.size() + " timed runs after "
          + root.path("warmup_runs").asInt() + " warm-up runs";
      return new RunnerOutput(ms, "onnxruntime " + ort, method, List.of(), Double.NaN);
    } catch (Exception e) {
      String shown = stdout.strip().length() > 120 ? stdout.strip().substring(0, 120) + "..." : stdout.strip();
      throw new DeviceException(device.name(), "the onnxruntime-python runner printed no result line ("
          + e.getMessage() + "); output began: '" + shown + "'", e);
    }
  }
}
