package org.edgenas.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.edgenas.surrogate.RankAgreement;

/**
 * Figures of a run over its generations: the hypervolume of the real, feasible front so far, and
 * the surrogate's fidelity (Kendall τ between its predictions and the proxy mAP measured later).
 */
public final class RunStatistics {
  private RunStatistics() {}

  /** One generation's value and how many points (or prediction pairs) it rests on. */
  public record PerGeneration(int generation, double value, int count) {}

  /**
   * Hypervolume after each generation of the feasible candidates whose objectives are all real,
   * on objectives normalised to [0, 1] (minimised, by the min and max over the whole run) with
   * the reference point 1.1 in every objective; so values lie in [0, 1.1^m].
   */
  public static List<PerGeneration> hypervolume(Run run) {
    List<EvaluationRecord> real = run.candidates().stream()
        .filter(r -> r.feasible() && r.allReal(run.objectives())).toList();
    if (real.isEmpty()) return List.of();
    int m = run.objectives().size();
    double[] lo = new double[m], hi = new double[m];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (EvaluationRecord r : real) {
      double[] v = run.minimised(r);
      for (int j = 0; j < m; j++) {
        lo[j] = Math.min(lo[j], v[j]);
        hi[j] = Math.max(hi[j], v[j]);
      }
    }
    double[] ref = new double[m];
    Arrays.fill(ref, 1.1);
    int last = real.stream().mapToInt(EvaluationRecord::generation).max().orElse(0);
    List<PerGeneration> out = new ArrayList<>();
    for (int g = 0; g <= last; g++) {
      final int gen = g;
      List<double[]> points = real.stream().filter(r -> r.generation() <= gen).map(r -> {
        double[] v = run.minimised(r);
        for (int j = 0; j < m; j++) v[j] = hi[j] > lo[j] ? (v[j] - lo[j]) / (hi[j] - lo[j]) : 0;
        return v;
      }).toList();
      out.add(new PerGeneration(g, Hypervolume.of(points, ref), points.size()));
    }
    return out;
  }

  /** Kendall τ per generation between surrogate predictions and measured proxy mAP, where there are enough pairs. */
  public static List<PerGeneration> surrogateFidelity(Run run) {
    Objective acc = run.accuracy();
    if (acc == null) return List.of();
    TreeMap<Integer, List<double[]>> pairs = new TreeMap<>();
    for (EvaluationRecord r : run.candidates()) {
      ObjectiveValue measured = r.objectives().get(acc.key());
      if (r.surrogate() == null || measured == null || measured.isEstimate()) continue;
      pairs.computeIfAbsent(r.generation(), g -> new ArrayList<>()).add(new double[] {r.surrogate().mean(), measured.value()});
    }
    List<PerGeneration> out = new ArrayList<>();
    pairs.forEach((g, list) -> {
      OptionalDouble tau = RankAgreement.kendallTau(list.stream().mapToDouble(p -> p[0]).toArray(), list.stream().mapToDouble(p -> p[1]).toArray());
      if (tau.isPresent()) out.add(new PerGeneration(g, tau.getAsDouble(), list.size()));
    });
    return out;
  }
}
