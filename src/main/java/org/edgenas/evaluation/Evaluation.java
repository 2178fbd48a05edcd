package org.edgenas.evaluation;

import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One candidate's evaluation: every metric the recipe needs merged from the evaluators' answers,
 * and the budget check.
 *
 * @param hash the architecture hash
 * @param picks the (repaired) picks, one per choice of the space
 * @param generation the generation that first evaluated it
 * @param status {@code ok}, or {@code failed} with {@code reason} (failed candidates rank last)
 * @param values metric key → value with kind and method
 * @param feasible within every budget (by measurement where measured, else by estimate)
 * @param feasibility {@code measured} when every budgeted latency was measured, {@code estimated}
 *     when any was only predicted, {@code none} when the recipe has no budget
 * @param violation Σ max(0, latency/budget − 1) over the budgeted devices
 * @param wallSeconds the evaluators' time on it (0 when everything came from the cache)
 * @param keys the cache keys of the evaluator answers it was built from
 */
public record Evaluation(String hash, int[] picks, long generation, String status, String reason,
    Map<String, Measure> values, boolean feasible, String feasibility, double violation, double wallSeconds,
    List<String> keys) {
  public Evaluation {
    picks = picks.clone();
    values = new TreeMap<>(values);
    keys = List.copyOf(keys);
    if (!status.equals(EvaluatorResult.OK) && !status.equals(EvaluatorResult.FAILED)) {
      throw new IllegalArgumentException("status must be ok or failed, was " + status);
    }
  }

  @Override
  public int[] picks() {
    return picks.clone();
  }

  public boolean ok() {
    return status.equals(EvaluatorResult.OK);
  }

  /** The fitness the search ranks by. */
  public Score score(List<Objective> objectives) {
    List<Goal> goals = objectives.stream().map(Objective::goal).toList();
    if (!ok()) return Score.failed(goals);
    double[] v = new double[objectives.size()];
    for (int i = 0; i < v.length; i++) v[i] = values.get(objectives.get(i).key()).value();
    return new Score(v, goals, violation);
  }
}
