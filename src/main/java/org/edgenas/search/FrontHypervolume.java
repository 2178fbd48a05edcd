package org.edgenas.search;

import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.results.Hypervolume;

/**
 * The hypervolume of a front for the status line: every objective normalised to [0, 1] by the
 * range of all successful evaluations so far (maximised ones flipped), reference point 1.1 in each.
 */
final class FrontHypervolume {
  private FrontHypervolume() {}

  static double of(List<Evaluation> all, List<Evaluation> front, List<Objective> objectives) {
    int k = objectives.size();
    double[] lo = new double[k];
    double[] hi = new double[k];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (Evaluation e : all) {
      if (!e.ok()) continue;
      for (int j = 0; j < k; j++) {
        Measure m = e.values().get(objectives.get(j).key());
        if (m == null) continue;
        lo[j] = Math.min(lo[j], m.value());
        hi[j] = Math.max(hi[j], m.value());
      }
    }
    List<double[]> points = new ArrayList<>();
    for (Evaluation e : front) {
      double[] p = new double[k];
      for (int j = 0; j < k; j++) {
        double range = hi[j] - lo[j];
        double v = e.values().get(objectives.get(j).key()).value();
        double x = range > 0 ? (v - lo[j]) / range : 0;
        p[j] = objectives.get(j).goal() == Goal.MAX ? 1 - x : x;
      }
      points.add(p);
    }
    double[] ref = new double[k];
    java.util.Arrays.fill(ref, 1.1);
    return points.isEmpty() ? 0 : Hypervolume.of(points, ref);
  }
}
