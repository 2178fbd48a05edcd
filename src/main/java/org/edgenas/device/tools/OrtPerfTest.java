package org.edgenas.device.tools;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics {@code onnxruntime_perf_test -s} prints. Units as the tool prints them are
 * converted: every field here is in milliseconds (the tool gives the average in ms and the
 * percentiles in seconds).
 */
public record OrtPerfTest(int runs, double averageMs, double minMs, double maxMs, double p50Ms, double p90Ms,
    double p95Ms, double p99Ms, double inferencesPerSecond, double sessionCreationMs) {
  private static final String TOOL = "onnxruntime_perf_test";
  private static final Pattern FIELD = Pattern.compile("^([A-Za-z0-9 ]+?):\\s*(-?[0-9.eE+-]+)\\s*(ms|s|bytes|%)?\\s*$");

  public static OrtPerfTest parse(String output) {
    Map<String, Double> ms = new HashMap<>();
    for (String line : (output == null ? "" : output).split("\\R")) {
      Matcher m = FIELD.matcher(line.strip());
      if (!m.matches()) continue;
      double v = ToolNumbers.decimal(TOOL, m.group(2), line, output);
      String unit = m.group(3);
      ms.putIfAbsent(m.group(1).replace(" total", ""), "s".equals(unit) ? v * 1000 : v);
    }
    return new OrtPerfTest((int) require(ms, "Runs", output).doubleValue(),
        require(ms, "Average inference time cost", output), require(ms, "Min Latency", output),
        require(ms, "Max Latency", output), require(ms, "P50 Latency", output), require(ms, "P90 Latency", output),
        require(ms, "P95 Latency", output), require(ms, "P99 Latency", output),
        ms.getOrDefault("Number of inferences per second", Double.NaN),
        ms.getOrDefault("Session creation time cost", Double.NaN));
  }

  private static Double require(Map<String, Double> fields, String name, String output) {
    Double v = fields.get(name);
    if (v == null) throw new DeviceOutputException(TOOL, "no '" + name + ":' line (was it run with -s?)", output);
    return v;
  }
}
