package org.edgenas.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Class-aware non-maximum suppression on corner boxes, as {@code torchvision.ops.nms} over
 * class-offset boxes: candidates in descending score (stable), a candidate is dropped when its IoU
 * with an already kept box of the same class is strictly above the threshold.
 */
public final class Nms {
  private Nms() {}

  /** A scored box in corner form {@code (x1, y1, x2, y2)} with its class index. */
  public record Candidate(double x1, double y1, double x2, double y2, double score, int classIndex) {
    double area() {
      return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }

    /** IoU as torchvision: no +1, an empty union gives 0. */
    double iou(Candidate o) {
      double iw = Math.max(0, Math.min(x2, o.x2) - Math.max(x1, o.x1));
      double ih = Math.max(0, Math.min(y2, o.y2) - Math.max(y1, o.y1));
      double inter = iw * ih;
      double union = area() + o.area() - inter;
      return union > 0 ? inter / union : 0;
    }
  }

  /** The kept candidates, best first, at most {@code maxKept}. */
  public static List<Candidate> suppress(List<Candidate> candidates, double iouThreshold, int maxKept) {
    Candidate[] sorted = candidates.toArray(Candidate[]::new);
    Arrays.sort(sorted, (p, q) -> Double.compare(q.score(), p.score()));
    List<Candidate> kept = new ArrayList<>();
    java.util.Map<Integer, List<Candidate>> keptByClass = new java.util.HashMap<>();
    for (Candidate c : sorted) {
      if (kept.size() == maxKept) break;
      List<Candidate> sameClass = keptByClass.computeIfAbsent(c.classIndex(), k -> new ArrayList<>());
      boolean suppressed = false;
      for (Candidate k : sameClass) {
        if (c.iou(k) > iouThreshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        sameClass.add(c);
        kept.add(c);
      }
    }
    return kept;
  }
}
