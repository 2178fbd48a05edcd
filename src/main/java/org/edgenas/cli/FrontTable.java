package org.edgenas.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Kind;
import org.edgenas.results.EvaluationRecord;
import org.edgenas.results.ModelSelection;
import org.edgenas.results.Objective;
import org.edgenas.results.ObjectiveValue;
import org.edgenas.results.Run;
import org.edgenas.space.SearchSpace;

/**
 * A run's Pareto front as a table for the terminal: one row per front model, best first by the
 * first objective, its knee (as {@link ModelSelection#knee} picks it) marked with {@code *}, each
 * objective with {@code meas}/{@code est} after measured and estimated values, the blocks in
 * short; then the recipe's baselines, evaluated the same way, sorted the same way.
 */
final class FrontTable {
  private FrontTable() {}

  static List<String> lines(Run run) {
    List<Objective> objectives = run.objectives();
    Objective first = objectives.getFirst();
    Comparator<EvaluationRecord> best = Comparator.comparingDouble(r -> r.objectives().containsKey(first.key())
        ? first.direction().toMinimized(r.objectives().get(first.key()).value()) : Double.POSITIVE_INFINITY);
    List<EvaluationRecord> front = run.front().stream().sorted(best).toList();
    List<EvaluationRecord> baselines = run.baselines().stream().sorted(best).toList();
    List<String> out = new ArrayList<>();
    if (front.isEmpty()) {
      out.add("Pareto front: empty (no candidate met every budget with every objective known)");
      return out;
    }
    EvaluationRecord knee = ModelSelection.knee(run, front);
    out.add("Pareto front: " + front.size() + " model" + (front.size() == 1 ? "" : "s") + ", best "
        + CandidateLine.label(first.key()) + " first (* knee; meas measured, est estimate)"
        + (baselines.isEmpty() ? "" : "; the baselines below it were evaluated the same way"));
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[objectives.size() + 3];
    head[0] = "";
    head[1] = "model";
    for (int j = 0; j < objectives.size(); j++) head[j + 2] = CandidateLine.label(objectives.get(j).key());
    head[head.length - 1] = "blocks";
    rows.add(head);
    SearchSpace space = front.stream().anyMatch(r -> !r.picks().isEmpty()) ? run.space() : null;
    for (EvaluationRecord r : front) rows.add(row(run, space, r, r == knee ? "*" : "", CandidateLine.shortHash(r.hash()), objectives));
    List<String[]> baselineRows = new ArrayList<>();
    for (EvaluationRecord r : baselines) baselineRows.add(row(run, null, r, "", r.baseline(), objectives));
    int[] width = new int[head.length];
    for (String[] row : rows) widen(width, row);
    for (String[] row : baselineRows) widen(width, row);
    for (String[] row : rows) out.add(format(row, width));
    if (!baselineRows.isEmpty()) {
      out.add("  baselines:");
      for (String[] row : baselineRows) out.add(format(row, width));
    }
    return out;
  }

  private static String[] row(Run run, SearchSpace space, EvaluationRecord r, String mark, String name, List<Objective> objectives) {
    String[] row = new String[objectives.size() + 3];
    row[0] = mark;
    row[1] = name;
    for (int j = 0; j < objectives.size(); j++) {
      ObjectiveValue v = r.objectives().get(objectives.get(j).key());
      row[j + 2] = v == null ? "-" : cell(objectives.get(j).key(), v);
    }
    row[row.length - 1] = blocks(run, space, r) + (r.feasible() ? "" : " (over budget)");
    return row;
  }

  private static String cell(String key, ObjectiveValue v) {
    String mark = switch (v.kind()) {
      case ObjectiveValue.MEASURED -> CandidateLine.mark(Kind.MEASURED);
      case ObjectiveValue.ESTIMATE -> CandidateLine.mark(Kind.ESTIMATE);
      default -> "";
    };
    return CandidateLine.value(key, v.value()) + (mark.isEmpty() ? "" : " " + mark);
  }

  private static String blocks(Run run, SearchSpace space, EvaluationRecord r) {
    if (space == null || r.picks().isEmpty()) return "reference " + CandidateLine.shortHash(r.hash());
    try {
      return BlockSummary.of(run.architecture(space, r));
    } catch (BadInputException e) {
      return "picks " + r.picks();
    }
  }

  private static void widen(int[] width, String[] row) {
    for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
  }

  private static String format(String[] row, int[] width) {
    StringBuilder s = new StringBuilder("  ");
    for (int i = 0; i < row.length; i++) {
      if (i == row.length - 1) s.append(row[i]);
      else s.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
    }
    return s.toString().stripTrailing();
  }
}
