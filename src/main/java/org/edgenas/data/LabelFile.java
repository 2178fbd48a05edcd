package org.edgenas.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Parses the text of one YOLO label file: rows {@code class cx cy w h}, normalised to 0..1.
 * Bad rows are reported (kind + message with {@code file:line}) and left out of the result;
 * a repeated row is reported as a warning and kept once.
 */
final class LabelFile {
  /** How far (in normalised units) a box edge may lie outside 0..1 before it is an error. */
  static final double TOLERANCE = 0.005;

  private LabelFile() {}

  static List<LabelBox> parse(String text, String file, int classCount, BiConsumer<ProblemKind, String> report) {
    List<LabelBox> boxes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int lineNo = 0;
    for (String line : text.split("\r?\n", -1)) {
      lineNo++;
      String row = line.strip();
      if (row.isEmpty()) continue;
      String where = file + ":" + lineNo + ": ";
      String[] cols = row.split("\\s+");
      if (cols.length != 5) {
        report.accept(ProblemKind.WRONG_COLUMNS, where + cols.length + " columns, expected 5 (class cx cy w h)");
        continue;
      }
      double[] v = new double[5];
      String bad = null;
      for (int i = 0; i < 5 && bad == null; i++) {
        try {
          v[i] = Double.parseDouble(cols[i]);
          if (!Double.isFinite(v[i])) bad = cols[i];
        } catch (NumberFormatException e) {
          bad = cols[i];
        }
      }
      if (bad != null) {
        report.accept(ProblemKind.NON_NUMERIC, where + "value '" + bad + "' is not a number");
        continue;
      }
      if (v[0] != Math.rint(v[0])) {
        report.accept(ProblemKind.NON_NUMERIC, where + "class '" + cols[0] + "' is not an integer");
        continue;
      }
      int cls = (int) v[0];
      if (cls < 0 || cls >= classCount) {
        report.accept(ProblemKind.UNKNOWN_CLASS, where + "class " + cols[0] + " out of range 0.." + (classCount - 1));
        continue;
      }
      String range = rangeProblem(v[1], v[2], v[3], v[4]);
      if (range != null) {
        report.accept(ProblemKind.BOX_OUT_OF_RANGE, where + range);
        continue;
      }
      LabelBox box = new LabelBox(cls, v[1], v[2], v[3], v[4]);
      if (!seen.add(cls + " " + v[1] + " " + v[2] + " " + v[3] + " " + v[4])) {
        report.accept(ProblemKind.DUPLICATE_ROW, where + "repeats an earlier row (kept once)");
        continue;
      }
      boxes.add(box);
    }
    return boxes;
  }

  private static String rangeProblem(double cx, double cy, double w, double h) {
    if (w <= 0 || h <= 0) return String.format(java.util.Locale.ROOT, "box w %s h %s must be > 0", w, h);
    double lo = -TOLERANCE;
    double hi = 1 + TOLERANCE;
    double[][] edges = {{cx - w / 2, cx + w / 2}, {cy - h / 2, cy + h / 2}};
    String[] axis = {"x", "y"};
    for (int a = 0; a < 2; a++) {
      if (edges[a][0] < lo || edges[a][1] > hi) {
        return String.format(java.util.Locale.ROOT, "box %s extent %.4f..%.4f outside 0..1", axis[a], edges[a][0], edges[a][1]);
      }
    }
    return null;
  }
}
