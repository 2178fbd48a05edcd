package org.edgenas.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;
import org.edgenas.search.SearchListener;

/**
 * The lines a search prints before its first candidate: the recipe and run folder, the space and
 * its size (the product of its choices' option counts), dataset, devices with budgets, objectives,
 * evaluator profile and evaluators, population × generations and the time budget.
 */
final class SearchHeader {
  private SearchHeader() {}

  static List<String> lines(SearchListener.Start start) {
    Recipe r = start.recipe();
    List<String> out = new ArrayList<>();
    out.add((start.resumedAfter() >= 0 ? "edgenas resume: " : "edgenas search: ") + r.file() + " → " + start.runDir()
        + (start.resumedAfter() >= 0 ? " (continuing after generation " + start.resumedAfter() + ")" : ""));
    out.add(String.format(Locale.ROOT, "  space       %s (%s): %d choices, %,d combinations", start.space().name(),
        shown(r, Path.of(r.space().file())), start.space().choices().size(), start.space().size()));
    out.add("  dataset     " + r.dataset() + ", " + r.nc() + " classes, images " + r.imgsz() + " px");
    List<String> devices = new ArrayList<>();
    for (DeviceBudget d : r.devices().values()) {
      devices.add(d.name() + (d.hasBudget() ? String.format(Locale.ROOT, " ≤ %s ms", plain(d.budgetMs())) : " (no budget)"));
    }
    out.add("  devices     " + (devices.isEmpty() ? "none" : String.join(", ", devices)));
    out.add("  objectives  " + String.join(", ", r.objectives().stream().map(SearchHeader::objective).toList()));
    out.add("  evaluators  " + String.join(", ", start.evaluators().stream().map(Evaluator::name).toList())
        + (r.profile().file() == null ? "" : "; profile " + shown(r, r.profile().file())));
    String time = r.maxMinutes() > 0 ? "at most " + plain(r.maxMinutes()) + " min" : "no time limit";
    String generations = r.generations() > 0 ? r.generations() + " generations after the initial one" : "generations until the time limit";
    boolean trains = start.evaluators().stream().anyMatch(Evaluator::trains) && r.trainPerGeneration() > 0
        && r.trainPerGeneration() < r.population(); // otherwise every candidate is trained: no limit to state
    out.add(String.format(Locale.ROOT, "  budget      population %d × %s, %s%s; seed %d", r.population(), generations, time,
        trains ? "; at most " + r.trainPerGeneration() + " proxy trainings per generation once the surrogate has data" : "",
        r.seed()));
    return out;
  }

  private static String objective(Objective o) {
    return CandidateLine.label(o.key()) + (o.device() != null ? " latency" : "") + " " + o.goal().name().toLowerCase(Locale.ROOT);
  }

  /** A path as the user would write it: relative to the recipe's project root when inside it. */
  private static String shown(Recipe r, Path p) {
    Path root = r.root().toAbsolutePath().normalize();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : p.toString();
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
