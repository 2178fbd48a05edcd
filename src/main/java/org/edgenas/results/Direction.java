package org.edgenas.results;

/** Whether an objective is to be made small or large. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /** The value in the minimisation convention (negated when maximising). */
  public double toMinimized(double value) {
    return this == MINIMIZE ? value : -value;
  }

  /** "min" or "max", as recipes write goals; anything else is refused. */
  public static Direction ofGoal(String goal) {
    return switch (goal.toLowerCase(java.util.Locale.ROOT)) {
      case "min" -> MINIMIZE;
      case "max" -> MAXIMIZE;
      default -> throw new IllegalArgumentException("goal must be min or max, was " + goal);
    };
  }
}
