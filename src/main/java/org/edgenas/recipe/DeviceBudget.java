package org.edgenas.recipe;

import java.nio.file.Path;

/**
 * A device of a recipe and its latency budget.
 *
 * @param name the device name ({@code local} is built in)
 * @param budgetMs the latency budget in ms; {@code Double.POSITIVE_INFINITY} when none is set
 * @param file its {@code devices/<name>.yaml}; null for {@code local}
 * @param line the recipe line that names it, for messages
 */
public record DeviceBudget(String name, double budgetMs, Path file, int line) {
  public static final String LOCAL = "local";

  public DeviceBudget {
    if (!(budgetMs > 0)) throw new IllegalArgumentException("devices." + name + ".budget_ms must be > 0, was " + budgetMs);
    if ((file == null) != name.equals(LOCAL)) throw new IllegalArgumentException("devices." + name + ": only 'local' has no device file");
  }

  public boolean hasBudget() {
    return Double.isFinite(budgetMs);
  }

  /** Optuna-style violation of this budget: max(0, latency/budget − 1). */
  public double violation(double latencyMs) {
    return hasBudget() ? Math.max(0, latencyMs / budgetMs - 1) : 0;
  }
}
