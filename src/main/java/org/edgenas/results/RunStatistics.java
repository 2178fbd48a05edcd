package org.edgenas.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.edgenas.evaluation.AccuracySurrogate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Run;
import org.edgenas.surrogate.RankAgreement;

/**
 * Figures of a run over its generations: the hypervolume of the real, feasible front so far, and
 * the surrogate's fidelity (Kendall τ between its predictions and the proxy mAP measured later).
 */
public final class RunStatistics {
  private RunStatistics() {}

  /** One generation's value and how many points (or prediction pairs) it rests on. */
  public record PerGeneration(long generation, double value, int count) {}

  /**
   * Hypervolume after each generation of the feasible candidates whose objectives are all real,
   * on objectives normalised to [0, 1] (minimised, by the min and max over the whole run) with
   * the reference point 1.1 in every objective; so values lie in [0, 1.1^m].
   */
  public static List<PerGeneration> hypervolume(Run run) {
    List<Evaluation> real = run.candidates().stream().filter(r -> r.feasible() && run.allReal(r)).toList();
    if (real.isEmpty()) return List.of();
    int m = run.objectives().size();
    double[] lo = new double[m], hi = new double[m];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (Evaluation r : real) {
      double[] v = run.minimised(r);
      for (int j = 0; j < m; j++) {
        lo[j] = Math.min(lo[j], v[j]);
        hi[j] = Math.max(hi[j], v[j]);
      }
    }
    double[] ref = new double[m];
    Arrays.fill(ref, 1.1);
    long last = real.stream().mapToLong(Evaluation::generation).max().orElse(0);
    List<PerGeneration> out = new ArrayList<>();
    for (long g = 0; g <= last; g++) {
      final long gen = g;
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
    TreeMap<Long, List<double[]>> pairs = new TreeMap<>();
    for (Evaluation r : run.candidates()) {
      Measure measured = r.values().get(acc.key());
      Measure predicted = r.values().get(AccuracySurrogate.PREDICTION);
      if (predicted == null || measured == null || measured.kind() == Kind.ESTIMATE) continue;
      pairs.computeIfAbsent(r.generation(), g -> new ArrayList<>()).add(new double[] {predicted.value(), measured.value()});
    }
    List<PerGeneration> out = new ArrayList<>();
    pairs.forEach((g, list) -> {
      OptionalDouble tau = RankAgreement.kendallTau(list.stream().mapToDouble(p -> p[0]).toArray(), list.stream().mapToDouble(p -> p[1]).toArray());
      if (tau.isPresent()) out.add(new PerGeneration(g, tau.getAsDouble(), list.size()));
    });
    return out;
  }
}
