package org.edgenas.recipe;

/** The direction of one objective. */
public enum Goal {
  MIN,
  MAX;

  /** +1 when a larger value is better, -1 when a smaller one is. */
  public int sign() {
    return this == MAX ? 1 : -1;
  }
}
