package org.edgenas.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Text rendering of {@link CocoMetrics}: pycocotools' summary lines and a per-category table. */
final class CocoTable {
  private CocoTable() {}

  static String format(CocoMetrics m) {
    StringBuilder out = new StringBuilder();
    double[] s = m.stats();
    line(out, true, null, AreaRange.ALL, 100, s[0]);
    line(out, true, 0.5, AreaRange.ALL, 100, s[1]);
    line(out, true, 0.75, AreaRange.ALL, 100, s[2]);
    line(out, true, null, AreaRange.SMALL, 100, s[3]);
    line(out, true, null, AreaRange.MEDIUM, 100, s[4]);
    line(out, true, null, AreaRange.LARGE, 100, s[5]);
    line(out, false, null, AreaRange.ALL, 1, s[6]);
    line(out, false, null, AreaRange.ALL, 10, s[7]);
    line(out, false, null, AreaRange.ALL, 100, s[8]);
    line(out, false, null, AreaRange.SMALL, 100, s[9]);
    line(out, false, null, AreaRange.MEDIUM, 100, s[10]);
    line(out, false, null, AreaRange.LARGE, 100, s[11]);
    out.append('\n');
    int nameWidth = Math.max(5, m.classes().stream().mapToInt(c -> c.name().length()).max().orElse(0));
    String row = "%-" + nameWidth + "s %6s %8s %10s %9s %7s\n";
    out.append(String.format(Locale.ROOT, row, "class", "id", "gt", "detections", "AP50-95", "AP50"));
    for (ClassMetrics c : m.classes()) {
      out.append(String.format(Locale.ROOT, row, c.name(), c.categoryId(), c.groundTruths(), c.detections(), fixed3(c.ap()), fixed3(c.ap50())));
    }
    return out.toString();
  }

  /** {@code ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'}. */
  private static void line(StringBuilder out, boolean ap, Double iou, AreaRange area, int maxDets, double value) {
    String title = ap ? "Average Precision" : "Average Recall";
    String type = ap ? "(AP)" : "(AR)";
    double[] thr = CocoParams.IOU_THRESHOLDS;
    String iouText = iou == null ? fixed2(thr[0]) + ":" + fixed2(thr[thr.length - 1]) : fixed2(iou);
    out.append(String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s\n",
        title, type, iouText, area.label(), maxDets, fixed3(value)));
  }

  private static String fixed2(double v) {
    return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  /** Python's {@code '{:0.3f}'}: correctly rounded from the exact binary value, ties to even. */
  static String fixed3(double v) {
    return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }
}
