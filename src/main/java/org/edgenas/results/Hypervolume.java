package org.edgenas.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.edgenas.evaluation.Score;
import org.edgenas.recipe.Goal;

/**
 * Exact hypervolume of a set of points, minimisation convention: the measure of the region
 * dominated by the points and bounded by the reference point. Points not strictly better than the
 * reference in every objective add nothing. Two objectives: a sweep (O(n log n)); three: slices
 * along the third objective, each a two-objective sweep (O(n² log n)); more: the WFG recursion
 * (sum of exclusive contributions), exact and fine for the front sizes of a search.
 */
public final class Hypervolume {
  private Hypervolume() {}

  /** Hypervolume with per-objective directions; the reference point is in the objectives' own units. */
  public static double of(List<double[]> points, double[] reference, Goal[] goals) {
    if (goals.length != reference.length) {
      throw new IllegalArgumentException("need one goal per objective: " + goals.length + " goals, " + reference.length + " objectives");
    }
    double[] ref = new double[reference.length];
    for (int j = 0; j < ref.length; j++) ref[j] = -goals[j].sign() * reference[j];
    List<double[]> minimised = new ArrayList<>();
    for (double[] p : points) {
      double[] q = new double[p.length];
      for (int j = 0; j < Math.min(p.length, ref.length); j++) q[j] = -goals[j].sign() * p[j];
      minimised.add(q);
    }
    return of(minimised, ref);
  }

  /** Hypervolume of points to minimise, bounded by {@code reference}. */
  public static double of(List<double[]> points, double[] reference) {
    int m = reference.length;
    if (m < 1) throw new IllegalArgumentException("need at least one objective");
    List<double[]> inside = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != m) throw new IllegalArgumentException("point " + Arrays.toString(p) + " has " + p.length + " objectives, the reference " + m);
      boolean better = true;
      for (int j = 0; j < m; j++) {
        if (!Double.isFinite(p[j])) throw new IllegalArgumentException("point " + Arrays.toString(p) + " is not finite");
        better &= p[j] < reference[j];
      }
      if (better) inside.add(p.clone());
    }
    return switch (m) {
      case 1 -> inside.stream().mapToDouble(p -> reference[0] - p[0]).max().orElse(0);
      case 2 -> sweep2d(inside, reference);
      case 3 -> slices3d(inside, reference);
      default -> wfg(nondominated(inside), reference);
    };
  }

  static double sweep2d(List<double[]> points, double[] ref) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
    double volume = 0, bestY = ref[1];
    for (int i = 0; i < sorted.size(); i++) {
      double[] p = sorted.get(i);
      bestY = Math.min(bestY, p[1]);
      double nextX = i + 1 < sorted.size() ? sorted.get(i + 1)[0] : ref[0];
      volume += (nextX - p[0]) * (ref[1] - bestY);
    }
    return volume;
  }

  static double slices3d(List<double[]> points, double[] ref) {
    List<double[]> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(p -> p[2]));
    double volume = 0;
    List<double[]> active = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      active.add(sorted.get(i));
      double nextZ = i + 1 < sorted.size() ? sorted.get(i + 1)[2] : ref[2];
      double depth = nextZ - sorted.get(i)[2];
      if (depth > 0) volume += depth * sweep2d(active, ref);
    }
    return volume;
  }

  /** WFG: Σ over points of (its box − what the later points cover of its box). */
  static double wfg(List<double[]> front, double[] ref) {
    double volume = 0;
    for (int i = 0; i < front.size(); i++) {
      double[] p = front.get(i);
      double box = 1;
      for (int j = 0; j < ref.length; j++) box *= ref[j] - p[j];
      List<double[]> limited = new ArrayList<>();
      for (int k = i + 1; k < front.size(); k++) {
        double[] q = front.get(k), l = new double[ref.length];
        for (int j = 0; j < ref.length; j++) l[j] = Math.max(p[j], q[j]);
        limited.add(l);
      }
      volume += box - (limited.isEmpty() ? 0 : wfg(nondominated(limited), ref));
    }
    return volume;
  }

  /** The points no other point weakly dominates (duplicates kept once), minimisation. */
  public static List<double[]> nondominated(List<double[]> points) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      double[] p = points.get(i);
      boolean dominated = false;
      for (int k = 0; k < points.size() && !dominated; k++) {
        if (k == i) continue;
        double[] q = points.get(k);
        dominated = dominates(q, p) || (k < i && Arrays.equals(q, p));
      }
      if (!dominated) out.add(p);
    }
    return out;
  }

  /** Pareto dominance of feasible points to minimise, by the search's one rule ({@link Score#dominance}). */
  private static boolean dominates(double[] a, double[] b) {
    List<Goal> goals = java.util.Collections.nCopies(a.length, Goal.MIN);
    return new Score(a, goals, 0).dominance(new Score(b, goals, 0)) > 0;
  }
}
