package org.edgenas.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Run;

/**
 * Which models of a front to export: the knee, or a pick expression such as
 * {@code best-map latency@rpi5<30ms params<2M}. A pick is a list of constraints
 * ({@code METRIC[@DEVICE] <|<=|>|>= NUMBER[ms|k|M|G]}) and at most one {@code best-METRIC[@DEVICE]};
 * without a best-term every model meeting the constraints is picked. Metric aliases: {@code map}
 * for map50_95, {@code latency} for latency_ms; {@code training_speed} (higher is better) where a run ranked by it.
 */
public final class ModelSelection {
  private static final Pattern BEST = Pattern.compile("best-([a-z0-9_]+)(?:@([A-Za-z0-9_.-]+))?");
  private static final Pattern LIMIT = Pattern.compile("([a-z0-9_]+)(?:@([A-Za-z0-9_.-]+))?(<=|>=|<|>)([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(ms|k|K|M|G)?");

  private static final String MAP = Run.ACCURACY, LATENCY = "latency_ms";

  private ModelSelection() {}

  /** The models of {@code front} the pick expression selects; bad expressions and empty answers are bad input. */
  public static List<Evaluation> pick(Run run, List<Evaluation> front, String expression) {
    String where = "--pick '" + expression + "'";
    List<Evaluation> kept = new ArrayList<>(front);
    String bestKey = null;
    Goal bestGoal = null;
    for (String token : expression.trim().split("[\\s,]+")) {
      if (token.isEmpty()) continue;
      Matcher best = BEST.matcher(token);
      Matcher limit = LIMIT.matcher(token);
      if (best.matches()) {
        if (bestKey != null) throw new BadInputException(where + ": only one best- term is allowed, found " + bestKey + " and " + token);
        bestKey = key(run, best.group(1), best.group(2), where, token);
        bestGoal = goal(run, bestKey);
      } else if (limit.matches()) {
        String key = key(run, limit.group(1), limit.group(2), where, token);
        double bound = Double.parseDouble(limit.group(4)) * scale(limit.group(5), key, where, token);
        String op = limit.group(3);
        kept.removeIf(r -> !r.values().containsKey(key) || !holds(r.values().get(key).value(), op, bound));
      } else {
        throw new BadInputException(where + ": cannot read '" + token + "' (expected best-METRIC[@DEVICE] or METRIC[@DEVICE]<NUMBER[ms|k|M|G], e.g. best-map latency@local<30ms params<2M)");
      }
    }
    if (kept.isEmpty()) throw new BadInputException(where + ": no model of the " + front.size() + "-model front meets it");
    if (bestKey == null) return List.copyOf(kept);
    String k = bestKey;
    int sign = bestGoal.sign();
    List<Evaluation> known = kept.stream().filter(r -> r.values().containsKey(k)).toList();
    if (known.isEmpty()) throw new BadInputException(where + ": no model has a value of " + k);
    return List.of(known.stream().max(Comparator.comparingDouble(r -> sign * r.values().get(k).value())).orElseThrow());
  }

  private static String key(Run run, String metric, String device, String where, String token) {
    String m = switch (metric) {
      case "map" -> MAP;
      case "latency" -> LATENCY;
      default -> metric;
    };
    List<String> known = List.of(MAP, Objective.TRAINING_SPEED, LATENCY, "params", "gflops", "model_bytes");
    if (!known.contains(m)) {
      throw new BadInputException(where + ": unknown metric '" + metric + "' in " + token + " (expected map, training_speed, latency, params, gflops"
          + " or model_bytes)");
    }
    if (m.equals(LATENCY)) {
      if (device == null) {
        if (run.devices().size() != 1) throw new BadInputException(where + ": " + token + " must name a device, one of " + run.devices() + " (latency@DEVICE)");
        device = run.devices().getFirst();
      }
      if (!run.devices().contains(device)) throw new BadInputException(where + ": device '" + device + "' in " + token + " is not in the recipe (devices: " + String.join(", ", run.devices()) + ")");
      return Objective.key(m, device);
    }
    if (device != null) throw new BadInputException(where + ": " + metric + " does not depend on a device, drop '@" + device + "' in " + token);
    return m;
  }

  private static Goal goal(Run run, String key) {
    return run.objectives().stream().filter(o -> o.key().equals(key)).map(Objective::goal).findFirst()
        .orElse(key.equals(MAP) || key.equals(Objective.TRAINING_SPEED) ? Goal.MAX : Goal.MIN);
  }

  private static double scale(String unit, String key, String where, String token) {
    if (unit == null) return 1;
    boolean latency = key.startsWith(LATENCY);
    if (unit.equals("ms") != latency) {
      throw new BadInputException(where + ": unit '" + unit + "' does not fit " + key + " in " + token + (latency ? " (latency is in ms)" : " (use k, M or G)"));
    }
    return switch (unit) {
      case "k", "K" -> 1e3;
      case "M" -> 1e6;
      case "G" -> 1e9;
      default -> 1;
    };
  }

  private static boolean holds(double v, String op, double bound) {
    return switch (op) {
      case "<" -> v < bound;
      case "<=" -> v <= bound;
      case ">" -> v > bound;
      default -> v >= bound;
    };
  }

  /** Best first by the run's first objective, ties by hash: the order of the front in the terminal and in the report. */
  public static java.util.Comparator<Evaluation> bestFirst(Run run) {
    org.edgenas.recipe.Objective first = run.objectives().getFirst();
    return java.util.Comparator.comparingDouble((Evaluation e) -> {
      org.edgenas.evaluation.Measure m = e.values().get(first.key());
      return m == null ? Double.POSITIVE_INFINITY : -first.goal().sign() * m.value();
    }).thenComparing(Evaluation::hash);
  }

  /** The knee among the front's models that export takes (within budget, no objective estimated); null when none is. */
  public static Evaluation exportableKnee(Run run, List<Evaluation> front) {
    List<Evaluation> exportable = front.stream().filter(e -> e.feasible() && run.allReal(e)).toList();
    return exportable.isEmpty() ? null : knee(run, exportable);
  }

  /**
   * The knee of a front: objectives normalised to [0, 1] (minimised), the hyperplane through the
   * per-objective extremes (the line between them for two objectives), and the model farthest
   * from it on the ideal side. A degenerate plane falls back to Σx = 1.
   */
  public static Evaluation knee(Run run, List<Evaluation> front) {
    if (front.isEmpty()) throw new BadInputException(run.dir() + ": the front is empty, there is no knee");
    int m = run.objectives().size();
    List<double[]> points = front.stream().map(run::minimised).toList();
    double[] lo = new double[m], hi = new double[m];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] p : points) for (int j = 0; j < m; j++) {
      lo[j] = Math.min(lo[j], p[j]);
      hi[j] = Math.max(hi[j], p[j]);
    }
    List<double[]> normal = points.stream().map(p -> {
      double[] q = new double[m];
      for (int j = 0; j < m; j++) q[j] = hi[j] > lo[j] ? (p[j] - lo[j]) / (hi[j] - lo[j]) : 0;
      return q;
    }).toList();
    RealVector n = plane(normal, m);
    int best = 0;
    double bestDistance = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < normal.size(); i++) {
      double d = (1 - n.dotProduct(new ArrayRealVector(normal.get(i)))) / n.getNorm();
      if (d > bestDistance + 1e-12) {
        bestDistance = d;
        best = i;
      }
    }
    return front.get(best);
  }

  private static RealVector plane(List<double[]> normal, int m) {
    double[][] extremes = new double[m][];
    for (int j = 0; j < m; j++) {
      final int col = j;
      extremes[j] = normal.stream().min(Comparator.comparingDouble((double[] p) -> p[col])
          .thenComparingDouble(p -> java.util.Arrays.stream(p).sum())).orElseThrow();
    }
    var solver = new LUDecomposition(new Array2DRowRealMatrix(extremes)).getSolver();
    double[] ones = new double[m];
    java.util.Arrays.fill(ones, 1);
    if (solver.isNonSingular()) {
      RealVector n = solver.solve(new ArrayRealVector(ones));
      if (n.getNorm() > 0 && java.util.Arrays.stream(n.toArray()).allMatch(v -> Double.isFinite(v) && v > 0)) return n;
    }
    return new ArrayRealVector(ones);
  }
}
