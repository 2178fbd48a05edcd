package org.edgenas.cli;

import java.util.List;
import java.util.Locale;
import org.edgenas.recipe.Objective;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.search.SearchListener.Slot;

/**
 * The terminal line of one finished candidate: where it stands in the run, its short hash, its
 * blocks in short ({@link BlockSummary}), each metric the search needs with {@code meas} or
 * {@code est} after measured and estimated values (exact cost-model values carry no mark), the
 * budget verdict and the evaluators' time; or why it failed.
 */
final class CandidateLine {
  private CandidateLine() {}

  /** @param keys the metric keys to show, in order ({@code Recipe.neededMetrics()}) */
  static String of(Slot slot, Candidate candidate, Evaluation e, List<String> keys) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %-11s %s  %s", place(slot), shortHash(e.hash()),
        BlockSummary.of(candidate.architecture())));
    if (!e.ok()) return s.append("  FAILED: ").append(e.reason()).toString();
    String sep = "  ";
    for (String key : keys) {
      Measure m = e.values().get(key);
      if (m == null) continue;
      s.append(sep).append(label(key)).append(' ').append(value(key, m.value()));
      String mark = mark(m.kind());
      if (!mark.isEmpty()) s.append(' ').append(mark);
      sep = " · ";
    }
    if (!e.feasible()) s.append(" · over budget").append("estimated".equals(e.feasibility()) ? " (est)" : "");
    if (e.wallSeconds() > 0) s.append(String.format(Locale.ROOT, " · %.0f s", e.wallSeconds()));
    return s.toString();
  }

  /** {@code gen 1 3/8}, {@code front 1/2} or {@code baseline yolo11n}. */
  static String place(Slot slot) {
    return switch (slot.stage()) {
      case GENERATION -> "gen " + slot.generation() + " " + (slot.index() + 1) + "/" + slot.count();
      case FRONT -> "front " + (slot.index() + 1) + "/" + slot.count();
      case BASELINE -> "baseline " + slot.baseline();
    };
  }

  static String shortHash(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) : hash;
  }

  static String mark(Kind kind) {
    return switch (kind) {
      case MEASURED -> "meas";
      case ESTIMATE -> "est";
      case EXACT -> "";
    };
  }

  /** The column name of a metric key: {@code mAP50-95}, the device of a latency, {@code params}. */
  static String label(String key) {
    int at = key.indexOf('@');
    if (at >= 0) return key.substring(at + 1);
    return switch (key) {
      case "map50_95" -> "mAP50-95";
      case "map50" -> "mAP50";
      case Objective.TRAINING_SPEED -> "train-speed";
      case "gflops" -> "GFLOPs";
      case "model_bytes" -> "model";
      case "peak_memory_bytes" -> "peak mem";
      default -> key;
    };
  }

  /** A value in its metric's unit: {@code 0.214}, {@code 3.41 ms}, {@code 0.31M}, {@code 1.20 MB}. */
  static String value(String key, double v) {
    if (key.startsWith("map") || key.equals(Objective.TRAINING_SPEED)) return String.format(Locale.ROOT, "%.3f", v);
    if (key.startsWith("latency_ms")) return String.format(Locale.ROOT, "%.2f ms", v);
    if (key.endsWith("_bytes")) return String.format(Locale.ROOT, "%.2f MB", v / 1e6);
    if (key.equals("params")) {
      return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6) : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3)
          : String.format(Locale.ROOT, "%.0f", v);
    }
    if (key.equals("gflops")) return String.format(Locale.ROOT, "%.3f", v);
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
