package org.edgenas.device;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edgenas.device.tools.DeviceOutputException;
import org.edgenas.device.tools.TrtexecSummary;
import org.edgenas.device.tools.TrtexecTimes;

/**
 * The {@code trtexec} runtime (TensorRT on a Jetson). The engine is built once per model and
 * precision and kept on the device ({@code workdir/engines/<sha256>-<precision>.engine}, written
 * under a temporary name and renamed when trtexec succeeds); later runs load it. The command is
 * {@code trtexec --onnx=M --saveEngine=E [--fp16] [--int8] --warmUp=MS --iterations=N --duration=0
 * --exportTimes=T --avgRuns=1} (or {@code --loadEngine=E} once built; {@code --duration=0} so that
 * exactly the iterations run). Times come from the {@code --exportTimes} JSON ({@link TrtexecTimes},
 * {@code latencyMs} per query); without it from the per-query {@code Average on 1 runs} lines; with
 * neither, from the performance summary's median alone, flagged {@value #SUMMARY_ONLY}. The build
 * time is the {@code Engine built in S sec} line of the building run, else that run's device-side
 * time (flagged {@value #BUILD_TIME_INCLUDES_TIMING}).
 *
 * <p>Tests drive it with a fake {@code trtexec} shell script that prints the real output format and
 * writes an exportTimes file: no GPU exists on the test machines.
 */
public final class TrtexecRunner implements DeviceRunner {
  public static final String SUMMARY_ONLY = "trtexec_summary_only";
  public static final String BUILD_TIME_INCLUDES_TIMING = "engine_build_time_includes_timing";
  static final String TIMES_MARK = "@@edgenas-trtexec times";
  static final String BUILT_MARK = "@@edgenas-trtexec built ";
  private static final Pattern BUILT_IN = Pattern.compile("Engine built in (\\d+(?:\\.\\d+)?) sec");
  private static final Pattern TRACE = Pattern.compile("Average on 1 runs - GPU latency: \\S+ ms - Host latency: (\\S+) ms");
  private static final String SCRIPT = String.join("\n",
      "e={}; t={}; trt={}; mkdir -p \"$(dirname \"$e\")\" || exit 1; rm -f \"$t\"",
      "if [ -s \"$e\" ]; then",
      "  \"$trt\" --loadEngine=\"$e\" --warmUp={} --iterations={} --duration=0 --exportTimes=\"$t\" --avgRuns=1; rc=$?",
      "else",
      "  s=$(date +%s%N); p=\"$e.part-$$\"",
      "  \"$trt\" --onnx={} --saveEngine=\"$p\" {} --warmUp={} --iterations={} --duration=0 --exportTimes=\"$t\""
          + " --avgRuns=1; rc=$?",
      "  [ $rc -eq 0 ] && [ -s \"$p\" ] && mv -f \"$p\" \"$e\" && echo '" + BUILT_MARK + "'$(( ($(date +%s%N) - s) / 1000000 ))",
      "  rm -f \"$p\"",
      "fi",
      "echo '" + TIMES_MARK + "'; cat \"$t\" 2>/dev/null; rm -f \"$t\"; exit $rc");

  private final String trtexec;

  /** Runs {@code trtexec} as found on the device (a command on PATH or an absolute path). */
  public TrtexecRunner(String trtexec) {
    this.trtexec = trtexec;
  }

  @Override
  public DeviceRuntime runtime() {
    return DeviceRuntime.TRTEXEC;
  }

  @Override
  public RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request) {
    UploadResult onnx = ssh.upload(model);
    String engine = ssh.workdir() + "/engines/" + onnx.sha256() + "-" + request.precision().id() + ".engine";
    String times = ssh.workdir() + "/engines/times-" + Long.toHexString(System.nanoTime()) + ".json";
    String warmUpMs = Long.toString(Math.round(request.warmupSeconds() * 1000));
    String repeats = Integer.toString(request.protocol().repeats());
    // the precision flags are fixed words from Precision, not user input: they go into the template
    String flags = String.join(" ", request.precision().trtexecFlags());
    return RunnerCommand.of(SCRIPT.replace("\"$p\" {}", "\"$p\" " + flags), engine, times, trtexec, warmUpMs, repeats,
        onnx.remotePath(), warmUpMs, repeats);
  }

  @Override
  public RunnerOutput parse(Device device, ExecResult result, String stdout) {
    if (!result.ok()) throw new RemoteCommandException(device.name(), "trtexec", result);
    int mark = stdout.indexOf(TIMES_MARK);
    String log = mark < 0 ? stdout : stdout.substring(0, mark);
    String timesJson = mark < 0 ? "" : stdout.substring(mark + TIMES_MARK.length()).strip();
    List<String> flags = new ArrayList<>();
    double build = buildTime(log, flags);
    List<Double> times = times(device, timesJson, log, flags);
    String version = versionOf(log);
    String method = "trtexec" + (version.isEmpty() ? "" : " (TensorRT " + version + ")") + ", " + times.size()
        + " queries, latencyMs per query (H2D + compute + D2H)";
    return new RunnerOutput(times, "tensorrt " + (version.isEmpty() ? "unknown" : version), method, flags, build);
  }

  private double buildTime(String log, List<String> flags) {
    int built = log.indexOf(BUILT_MARK);
    if (built < 0) return Double.NaN;
    Matcher m = BUILT_IN.matcher(log);
    if (m.find()) return Double.parseDouble(m.group(1));
    String ms = log.substring(built + BUILT_MARK.length()).lines().findFirst().orElse("").strip();
    flags.add(BUILD_TIME_INCLUDES_TIMING);
    return ms.matches("\\d+") ? Long.parseLong(ms) / 1000.0 : Double.NaN;
  }

  private static List<Double> times(Device device, String timesJson, String log, List<String> flags) {
    if (!timesJson.isEmpty()) {
      try {
        return TrtexecTimes.parse(timesJson).latencyMs();
      } catch (DeviceOutputException e) {
        flags.add("trtexec_export_times_unreadable");
      }
    }
    List<Double> trace = new ArrayList<>();
    Matcher m = TRACE.matcher(log);
    while (m.find()) trace.add(Double.parseDouble(m.group(1)));
    if (!trace.isEmpty()) return trace;
    try {
      flags.add(SUMMARY_ONLY);
      return List.of(TrtexecSummary.parse(log).latency().medianMs());
    } catch (DeviceOutputException e) {
      throw new DeviceException(device.name(), "trtexec gave neither an --exportTimes file, per-query lines nor a"
          + " performance summary: " + e.getMessage(), e);
    }
  }

  /** "8.6.2" from the log's {@code TensorRT version: 8.6.2} line, or "". */
  private static String versionOf(String log) {
    Matcher m = Pattern.compile("TensorRT version: (\\S+)").matcher(log);
    return m.find() ? m.group(1) : "";
  }
}
