package org.edgenas.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One line of a run's {@code evaluations.jsonl}: a candidate (or a reference baseline), its
 * objective values with provenance, and the raw JSON it was read from (copied into exports as is).
 *
 * @param picks one option index per choice of the run's space; empty for a baseline
 * @param baseline the reference name ({@code yolo11n}) for baseline records, else null
 * @param surrogate the surrogate's accuracy prediction made before proxy training, or null
 */
public record EvaluationRecord(
    String hash, String parent, List<Integer> picks, int generation, String status, String reason,
    Map<String, ObjectiveValue> objectives, boolean feasible, double violation, double seconds,
    String baseline, SurrogateGuess surrogate, JsonNode raw) {
  /** The surrogate's prediction of the accuracy objective: mean and standard deviation. */
  public record SurrogateGuess(double mean, double stdev) {}

  public EvaluationRecord {
    picks = List.copyOf(picks);
    objectives = Map.copyOf(objectives);
  }

  public boolean ok() {
    return "ok".equals(status);
  }

  public boolean isBaseline() {
    return baseline != null;
  }

  /** Whether every value of the given objectives is present and none is an estimate. */
  public boolean allReal(List<Objective> wanted) {
    return wanted.stream().allMatch(o -> objectives.containsKey(o.key()) && !objectives.get(o.key()).isEstimate());
  }

  public boolean hasAll(List<Objective> wanted) {
    return wanted.stream().allMatch(o -> objectives.containsKey(o.key()));
  }

  /** The values of the given objectives, in their own units and order. */
  public double[] values(List<Objective> wanted) {
    return wanted.stream().mapToDouble(o -> objectives.get(o.key()).value()).toArray();
  }

  public int[] picksArray() {
    return picks.stream().mapToInt(Integer::intValue).toArray();
  }
}
