package org.edgenas.recipe;

import java.util.List;
import java.util.Objects;

/**
 * One objective of a recipe: a metric, the device it is measured on (latency only) and its goal.
 *
 * @param metric one of {@link #METRICS}
 * @param device the device name for {@code latency_ms}; null otherwise
 * @param goal min or max
 */
public record Objective(String metric, String device, Goal goal) {
  /**
   * The training-speed estimate of accuracy: minus the mean training loss over the second half of a
   * short proxy training (org.edgenas.train.TrainingSpeed); higher is better, and not an mAP.
   */
  public static final String TRAINING_SPEED = "training_speed";

  /** Metrics a recipe may name; {@code latency_ms} needs a device. */
  public static final List<String> METRICS =
      List.of("map50_95", "map50", TRAINING_SPEED, "latency_ms", "params", "gflops", "model_bytes", "peak_memory_bytes");

  /** Whether this is an accuracy objective: an mAP, or the training-speed estimate of one. */
  public boolean isAccuracy() {
    return metric.startsWith("map") || metric.equals(TRAINING_SPEED);
  }

  public Objective {
    Objects.requireNonNull(goal, "goal");
    if (!METRICS.contains(metric)) throw new IllegalArgumentException("metric must be one of " + METRICS + ", was " + metric);
    if (metric.equals("latency_ms") != (device != null)) {
      throw new IllegalArgumentException(metric + (device == null ? " needs a device" : " takes no device, was " + device));
    }
  }

  /** The key of its values in an evaluation: {@code params}, {@code latency_ms@rpi5}. */
  public String key() {
    return key(metric, device);
  }

  public static String key(String metric, String device) {
    return device == null ? metric : metric + "@" + device;
  }
}
