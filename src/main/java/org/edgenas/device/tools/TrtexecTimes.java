package org.edgenas.device.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.Json;

/**
 * Per-query times from {@code trtexec --exportTimes=FILE}, in milliseconds. TensorRT 8.x writes
 * {@code h2dMs, computeMs, d2hMs, latencyMs} and leaves out warm-up queries; TensorRT 7.x writes
 * {@code inMs, computeMs, outMs, latencyMs, endToEndMs} and includes them ({@code includesWarmup}).
 */
public record TrtexecTimes(Format format, List<Double> latencyMs, List<Double> computeMs, boolean includesWarmup) {
  private static final String TOOL = "trtexec --exportTimes";

  /** Which TensorRT generation wrote the file. */
  public enum Format { TRT8, TRT7 }

  public TrtexecTimes {
    latencyMs = List.copyOf(latencyMs);
    computeMs = List.copyOf(computeMs);
  }

  public static TrtexecTimes parse(String json) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new DeviceOutputException(TOOL, "not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", json, e);
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new DeviceOutputException(TOOL, "expected a non-empty JSON array of per-query times", json);
    }
    JsonNode first = root.get(0);
    Format format;
    if (first.has("h2dMs")) format = Format.TRT8;
    else if (first.has("inMs")) format = Format.TRT7;
    else throw new DeviceOutputException(TOOL, "entries have neither TRT 8 (h2dMs) nor TRT 7 (inMs) keys", json);
    List<Double> latency = new ArrayList<>();
    List<Double> compute = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      latency.add(number(root.get(i), "latencyMs", i, json));
      compute.add(number(root.get(i), "computeMs", i, json));
    }
    return new TrtexecTimes(format, latency, compute, format == Format.TRT7);
  }

  private static double number(JsonNode entry, String key, int index, String json) {
    JsonNode v = entry.get(key);
    if (v == null || !v.isNumber()) {
      throw new DeviceOutputException(TOOL, "entry " + index + " has no number '" + key + "'", json);
    }
    return v.doubleValue();
  }
}
