package org.edgenas.cli;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.results.ModelSelection;
import org.edgenas.run.Baseline;
import org.edgenas.run.Run;
import org.edgenas.space.SearchSpace;

/**
 * A run's Pareto front as a table for the terminal: one row per front model, best first by the
 * first objective ({@link ModelSelection#bestFirst}, the report's order), the knee marked with
 * {@code *} (the one {@code export --knee} picks, or, when no model is exportable yet, the knee of
 * the estimates, said so), each objective with {@code meas}/{@code est} after
 * measured and estimated values, the blocks in short; then the recipe's baselines, evaluated the
 * same way, sorted the same way. A line gives the front's standalone trainings ({@code final:}) where the run has them.
 */
final class FrontTable {
  private FrontTable() {}

  static List<String> lines(Run run) {
    List<Objective> objectives = run.objectives();
    Objective first = objectives.getFirst();
    List<Evaluation> front = run.front().stream().sorted(ModelSelection.bestFirst(run)).toList();
    List<Baseline> baselines = run.baselines().stream()
        .sorted((a, b) -> ModelSelection.bestFirst(run).compare(a.evaluation(), b.evaluation())).toList();
    List<String> out = new ArrayList<>();
    if (front.isEmpty()) {
      out.add("Pareto front: empty (no candidate met every budget with every objective known)");
      return out;
    }
    Evaluation exportable = ModelSelection.exportableKnee(run, front);
    Evaluation knee = exportable != null ? exportable : ModelSelection.knee(run, front);
    out.add("Pareto front: " + front.size() + " model" + (front.size() == 1 ? "" : "s") + ", best "
        + CandidateLine.label(first.key()) + " first (" + (exportable != null ? "* knee" : "* knee of estimated values, not exportable yet")
        + "; meas measured, est estimate)"
        + (baselines.isEmpty() ? "" : "; the baselines below it were evaluated the same way")
        + accuracyNote(run));
    List<String[]> rows = new ArrayList<>();
    String[] head = new String[objectives.size() + 3];
    head[0] = "";
    head[1] = "model";
    for (int j = 0; j < objectives.size(); j++) head[j + 2] = CandidateLine.label(objectives.get(j).key());
    head[head.length - 1] = "blocks";
    rows.add(head);
    SearchSpace space = run.space();
    for (Evaluation e : front) rows.add(row(run, space, e, e == knee ? "*" : "", CandidateLine.shortHash(e.hash()), objectives));
    List<String[]> baselineRows = new ArrayList<>();
    for (Baseline b : baselines) baselineRows.add(row(run, null, b.evaluation(), "", b.name(), objectives));
    int[] width = new int[head.length];
    for (String[] row : rows) widen(width, row);
    for (String[] row : baselineRows) widen(width, row);
    for (String[] row : rows) out.add(format(row, width));
    if (!run.finals().isEmpty()) {
      List<String> finals = new ArrayList<>();
      for (Evaluation e : front) {
        Measure m = run.finalAccuracy(e.hash());
        finals.add(CandidateLine.shortHash(e.hash()) + " " + (m == null ? "-" : CandidateLine.value(Run.ACCURACY, m.value())));
      }
      out.add("  final standalone " + CandidateLine.label(Run.ACCURACY) + ": " + String.join(", ", finals));
    }
    if (!baselineRows.isEmpty()) {
      out.add("  baselines:");
      for (String[] row : baselineRows) out.add(format(row, width));
    }
    return out;
  }

  /** What the run's accuracy column is and where it comes from; empty when the recipe has no accuracy objective. */
  private static String accuracyNote(Run run) {
    if (run.accuracy() == null) return "";
    if (run.accuracy().metric().equals(Objective.TRAINING_SPEED)) {
      return "; " + CandidateLine.label(Objective.TRAINING_SPEED) + ": minus the mean training loss over the second half of short proxy"
          + " trainings on " + datasetOf(run) + ", an estimate of accuracy, not an mAP";
    }
    return "; mAP of " + accuracySource(run) + " on " + datasetOf(run);
  }

  /**
   * Where the run's accuracies come from: proxy trainings, or parents inherited from a supernet.
   * Either way the mAP is measured on the model the row would export, which is not the architecture
   * trained alone at length; the wording says which model that is (the rows say {@code meas}).
   */
  private static String accuracySource(Run run) {
    boolean supernet = run.record().evaluators().stream().anyMatch(e -> e.name().equals(org.edgenas.eval.ProxyEvaluator.SUPERNET));
    return supernet ? "models inherited from the space's supernet (not trained on their own)" : "short proxy trainings";
  }

  private static String datasetOf(Run run) {
    String dataset = run.record().recipe().dataset();
    return org.edgenas.recipe.Recipe.SYNTHETIC.equals(dataset) ? "the built-in synthetic dataset" : dataset;
  }

  private static String[] row(Run run, SearchSpace space, Evaluation e, String mark, String name, List<Objective> objectives) {
    String[] row = new String[objectives.size() + 3];
    row[0] = mark;
    row[1] = name;
    for (int j = 0; j < objectives.size(); j++) {
      Measure m = e.values().get(objectives.get(j).key());
      String kind = m == null ? "" : CandidateLine.mark(m.kind());
      row[j + 2] = m == null ? "-" : CandidateLine.value(objectives.get(j).key(), m.value()) + (kind.isEmpty() ? "" : " " + kind);
    }
    row[row.length - 1] = blocks(run, space, e) + (e.feasible() ? "" : " (over budget)");
    return row;
  }

  private static String blocks(Run run, SearchSpace space, Evaluation e) {
    if (space == null || e.picks().length == 0) return "reference " + CandidateLine.shortHash(e.hash());
    try {
      return BlockSummary.of(run.architecture(space, e));
    } catch (BadInputException ex) {
      return "picks " + java.util.Arrays.toString(e.picks());
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
