package org.edgenas.results;

/**
 * One objective of a recipe: a metric ({@code map50_95}, {@code latency_ms}, {@code params},
 * {@code gflops}, {@code model_bytes}), the device for per-device metrics, and its direction.
 */
public record Objective(String metric, String device, Direction direction) {
  public static final String ACCURACY = "map50_95";
  public static final String LATENCY = "latency_ms";

  public Objective {
    if (metric == null || metric.isBlank()) throw new IllegalArgumentException("objective metric is required");
    if (direction == null) throw new IllegalArgumentException("objective " + metric + " needs a goal (min or max)");
  }

  /** The key under which evaluation records store the value: {@code metric} or {@code metric@device}. */
  public String key() {
    return device == null ? metric : metric + "@" + device;
  }

  public boolean isLatency() {
    return metric.equals(LATENCY);
  }
}
