package org.edgenas.evaluation;

import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;

import java.util.Arrays;
import java.util.List;

/**
 * The fitness of one candidate: its objective values with their goals and its constraint
 * violation (Optuna style: Σ max(0, latency/budget − 1) over the budgeted devices; 0 = feasible).
 * A failed candidate has an infinite violation. {@link #dominance} is the constrained dominance
 * the NSGA-II selector ranks by:
 * <ol>
 *   <li>a feasible candidate dominates an infeasible one;
 *   <li>between two infeasible ones the smaller violation dominates (equal: neither);
 *   <li>between two feasible ones, Pareto dominance under each objective's goal.
 * </ol>
 */
public record Score(double[] values, List<Goal> goals, double violation) implements Comparable<Score> {
  public Score {
    values = values.clone();
    goals = List.copyOf(goals);
    if (values.length != goals.size()) throw new IllegalArgumentException(values.length + " values for " + goals.size() + " goals");
    if (!(violation >= 0)) throw new IllegalArgumentException("violation must be >= 0, was " + violation);
  }

  /** The score of a failed candidate: dominated by every candidate that did not fail. */
  public static Score failed(List<Goal> goals) {
    return new Score(new double[goals.size()], goals, Double.POSITIVE_INFINITY);
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  public double value(int i) {
    return values[i];
  }

  public boolean feasible() {
    return violation == 0;
  }

  public int dimension() {
    return values.length;
  }

  /** > 0 when this dominates {@code other}, < 0 when it is dominated, 0 otherwise. */
  public int dominance(Score other) {
    if (feasible() != other.feasible()) return feasible() ? 1 : -1;
    if (!feasible()) return Double.compare(other.violation, violation);
    boolean better = false;
    boolean worse = false;
    for (int i = 0; i < values.length; i++) {
      int c = compare(other, i);
      if (c > 0) better = true;
      if (c < 0) worse = true;
    }
    return better == worse ? 0 : better ? 1 : -1;
  }

  /** Objective {@code i} compared under its goal: > 0 when this is better. */
  public int compare(Score other, int i) {
    return goals.get(i).sign() * Double.compare(values[i], other.values[i]);
  }

  public double distance(Score other, int i) {
    if (Double.isInfinite(violation) || Double.isInfinite(other.violation)) return 0;
    return Math.abs(values[i] - other.values[i]);
  }

  /** A total order for "best of": violation first, then the objectives in order under their goals. */
  @Override
  public int compareTo(Score other) {
    int c = Double.compare(other.violation, violation);
    for (int i = 0; c == 0 && i < values.length; i++) c = compare(other, i);
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Score s && Arrays.equals(values, s.values) && goals.equals(s.goals) && Double.compare(violation, s.violation) == 0;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values) * 31 + Double.hashCode(violation);
  }

  @Override
  public String toString() {
    return "Score" + Arrays.toString(values) + (feasible() ? "" : " violation " + violation);
  }
}
