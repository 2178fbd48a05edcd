package org.edgenas.results.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;
import org.edgenas.results.Hypervolume;
import org.edgenas.run.Run;

/**
 * Compares finished searches on one device by what their fronts are worth measured the same way:
 * each front member's mAP50-95 from the same standalone profile (the run's {@code final:} training,
 * or, for a run whose own objective is that mAP, its search figure; the caller says they are the
 * same profile) against its measured latency; the hypervolume of each run's front in (mAP, latency)
 * with one reference for all (mAP 0; 1.1 × the slowest front member of any run), beside how many
 * candidates each evaluated and the seconds of its standalone trainings (the script times the searches). Usage: {@code bench/search-compare.sh} runs the searches and then this;
 * directly: {@code bench/run-main.sh org.edgenas.results.bench.SearchComparison DEVICE RUN_DIR...}.
 */
public final class SearchComparison {
  private SearchComparison() {}

  /** One front member: its standalone mAP and latency, and where the mAP came from. */
  record Point(String hash, double map, double latencyMs, String source) {}

  public static void main(String[] args) {
    if (args.length < 2) throw new IllegalArgumentException("usage: SearchComparison DEVICE RUN_DIR...");
    String latency = Objective.key("latency_ms", args[0]);
    List<Run> runs = new ArrayList<>();
    List<List<Point>> fronts = new ArrayList<>();
    double slowest = 0;
    for (int i = 1; i < args.length; i++) {
      Run run = Run.read(Path.of(args[i]));
      List<Point> front = points(run, latency);
      for (Point p : front) slowest = Math.max(slowest, p.latencyMs());
      runs.add(run);
      fronts.add(front);
    }
    double[] reference = {0, 1.1 * slowest};
    Goal[] goals = {Goal.MAX, Goal.MIN};
    System.out.printf(Locale.ROOT, "reference point: mAP50-95 0, latency %.3f ms (%s)%n", reference[1], args[0]);
    System.out.println("run\tranked by\tcandidates\tfinal_s\tfront\tHV (mAP x ms)\tbest mAP50-95\tmAP source");
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      List<Point> front = fronts.get(i);
      double hv = Hypervolume.of(front.stream().map(p -> new double[] {p.map(), p.latencyMs()}).toList(), reference, goals);
      double finalSeconds = run.finals().values().stream().mapToDouble(Evaluation::wallSeconds).sum();
      System.out.printf(Locale.ROOT, "%s\t%s\t%d\t%.0f\t%d\t%.4f\t%.4f\t%s%n", run.dir().getFileName(), run.searchAccuracyKey(),
          run.candidates().size(), finalSeconds, front.size(), hv,
          front.stream().mapToDouble(Point::map).max().orElse(Double.NaN), front.isEmpty() ? "-" : front.getFirst().source());
      for (Point p : front) System.out.printf(Locale.ROOT, "  %s\t%.4f\t%.3f ms%n", p.hash(), p.map(), p.latencyMs());
    }
  }

  /** The run's front with each member's standalone mAP (final:, else its own mAP objective) and latency. */
  static List<Point> points(Run run, String latencyKey) {
    List<Point> out = new ArrayList<>();
    for (Evaluation e : run.front()) {
      Measure standalone = run.finalAccuracy(e.hash());
      String source = "final:";
      if (standalone == null && run.searchAccuracyKey().equals(Run.ACCURACY)) {
        standalone = e.values().get(Run.ACCURACY);
        source = "search";
      }
      Measure lat = e.values().get(latencyKey);
      if (standalone == null || lat == null) {
        throw new IllegalArgumentException(run.dir() + ": front member " + e.hash() + " has no " + (standalone == null
            ? "standalone mAP50-95 (no final: training and the search did not rank by it)" : latencyKey));
      }
      out.add(new Point(e.hash(), standalone.value(), lat.value(), source));
    }
    return out;
  }
}
