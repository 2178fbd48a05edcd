package org.edgenas.recipe;

import java.nio.file.Path;
import org.edgenas.device.Device;

/**
 * A device of a recipe and its latency budget.
 *
 * @param name the device name ({@code local} is built in)
 * @param budgetMs the latency budget in ms; {@code Double.POSITIVE_INFINITY} when none is set
 * @param device its device file ({@code devices/<name>.yaml}) as read; null for {@code local}
 * @param line the recipe line that names it, for messages
 */
public record DeviceBudget(String name, double budgetMs, Device device, int line) {
  public static final String LOCAL = "local";

  public DeviceBudget {
    if (!(budgetMs > 0)) throw new IllegalArgumentException("devices." + name + ".budget_ms must be > 0, was " + budgetMs);
    if ((device == null) != name.equals(LOCAL)) throw new IllegalArgumentException("devices." + name + ": only 'local' has no device file");
    if (device != null && !device.name().equals(name)) {
      throw new IllegalArgumentException("devices." + name + " was read from a file of device " + device.name());
    }
  }

  /** Its device file; null for {@code local}. */
  public Path file() {
    return device == null ? null : device.source();
  }

  public boolean hasBudget() {
    return Double.isFinite(budgetMs);
  }

  /** Optuna-style violation of this budget: max(0, latency/budget − 1). */
  public double violation(double latencyMs) {
    return hasBudget() ? Math.max(0, latencyMs / budgetMs - 1) : 0;
  }
}
