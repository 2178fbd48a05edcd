package org.edgenas.device.tools;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Performance summary" that trtexec (TensorRT 8.x) prints at the end of a run, with or without
 * the logger prefix ({@code [10/03/2024-10:47:59] [I] }). Older builds print only the 99th
 * percentile; {@link LatencyStats#percentile} then gives NaN for the others.
 *
 * @param stats statistics by line name: "Latency", "Enqueue Time", "H2D Latency",
 *     "GPU Compute Time", "D2H Latency", and "End-to-End Host Latency" where printed
 */
public record TrtexecSummary(double throughputQps, Map<String, LatencyStats> stats, double totalHostWalltimeS,
    double totalGpuComputeS) {
  private static final String TOOL = "trtexec";
  private static final Pattern PREFIX = Pattern.compile("^(\\[[^\\]]*\\]\\s*)*");
  private static final Pattern STATS = Pattern.compile(
      "([A-Za-z0-9 -]+): min = (\\S+) ms, max = (\\S+) ms, mean = (\\S+) ms, median = (\\S+) ms(.*)");
  private static final Pattern PERCENTILE = Pattern.compile("percentile\\((\\d+(?:\\.\\d+)?)%\\) = (\\S+) ms");
  private static final Pattern VALUE = Pattern.compile("(Throughput|Total Host Walltime|Total GPU Compute Time): (\\S+) (qps|s)");

  public TrtexecSummary {
    stats = Map.copyOf(stats);
  }

  /** The "Latency" line (H2D + GPU compute + D2H per query). */
  public LatencyStats latency() {
    return stats.get("Latency");
  }

  /** The "GPU Compute Time" line, or null when not printed. */
  public LatencyStats gpuCompute() {
    return stats.get("GPU Compute Time");
  }

  /** Parses the whole trtexec log; only the summary block is read. */
  public static TrtexecSummary parse(String output) {
    int start = output.indexOf("=== Performance summary ===");
    if (start < 0) throw new DeviceOutputException(TOOL, "no '=== Performance summary ===' block", output);
    Map<String, LatencyStats> stats = new LinkedHashMap<>();
    Map<String, Double> values = new HashMap<>();
    for (String raw : output.substring(start).split("\\R")) {
      String line = PREFIX.matcher(raw.strip()).replaceFirst("");
      Matcher s = STATS.matcher(line);
      if (s.matches()) {
        Map<Double, Double> percentiles = new HashMap<>();
        Matcher p = PERCENTILE.matcher(s.group(6));
        while (p.find()) percentiles.put(Double.parseDouble(p.group(1)), number(p.group(2), line, output));
        stats.put(s.group(1).strip(), LatencyStats.of(number(s.group(2), line, output), number(s.group(3), line, output),
            number(s.group(4), line, output), number(s.group(5), line, output), percentiles));
        continue;
      }
      Matcher v = VALUE.matcher(line);
      if (v.lookingAt()) values.put(v.group(1), number(v.group(2), line, output));
    }
    if (!stats.containsKey("Latency")) {
      throw new DeviceOutputException(TOOL, "the performance summary has no 'Latency: min = ...' line", output);
    }
    if (!values.containsKey("Throughput")) {
      throw new DeviceOutputException(TOOL, "the performance summary has no 'Throughput: ... qps' line", output);
    }
    return new TrtexecSummary(values.get("Throughput"), stats, values.getOrDefault("Total Host Walltime", Double.NaN),
        values.getOrDefault("Total GPU Compute Time", Double.NaN));
  }

  private static double number(String text, String line, String output) {
    return ToolNumbers.decimal(TOOL, text, line, output);
  }
}
