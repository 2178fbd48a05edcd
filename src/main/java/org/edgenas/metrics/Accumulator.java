package org.edgenas.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * pycocotools' {@code accumulate} for one (category, area range, maxDets): the per-image matches,
 * concatenated in image-id order and cut to maxDets each, are stable-sorted by descending score
 * (ties keep image order, then score order within the image); precision is made monotone and read
 * at each recall threshold with a left {@code searchsorted}.
 */
final class Accumulator {
  /** numpy's {@code np.spacing(1)}, added to the precision denominator. */
  static final double EPS = Math.ulp(1.0);

  private Accumulator() {}

  /**
   * The precision {@code [threshold][recallThreshold]} and recall {@code [threshold]} of one cell of
   * the tables, or null when the cell stays -1: no image has ground truths or detections, or no
   * ground truth counts.
   */
  static Curves accumulate(List<ImageMatch> matches, int maxDet) {
    if (matches.isEmpty()) return null;
    int total = 0;
    int counted = 0;
    for (ImageMatch m : matches) {
      total += Math.min(maxDet, m.scores().length);
      counted += m.countedGroundTruths();
    }
    if (counted == 0) return null;
    int nThr = CocoParams.IOU_THRESHOLDS.length;
    double[] scores = new double[total];
    boolean[][] matched = new boolean[nThr][total];
    boolean[][] ignored = new boolean[nThr][total];
    int at = 0;
    for (ImageMatch m : matches) {
      int n = Math.min(maxDet, m.scores().length);
      System.arraycopy(m.scores(), 0, scores, at, n);
      for (int t = 0; t < nThr; t++) {
        System.arraycopy(m.matched()[t], 0, matched[t], at, n);
        System.arraycopy(m.ignored()[t], 0, ignored[t], at, n);
      }
      at += n;
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> scores[p] > scores[q] ? -1 : scores[p] < scores[q] ? 1 : 0); // stable

    double[][] precision = new double[nThr][];
    double[] recall = new double[nThr];
    for (int t = 0; t < nThr; t++) {
      double[] rc = new double[total];
      double[] pr = new double[total];
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < total; i++) {
        int d = order[i];
        if (!ignored[t][d]) {
          if (matched[t][d]) tp++;
          else fp++;
        }
        rc[i] = (double) tp / counted;
        pr[i] = tp / ((double) fp + tp + EPS);
      }
      recall[t] = total > 0 ? rc[total - 1] : 0;
      precision[t] = precisionAtRecallThresholds(rc, pr);
    }
    return new Curves(precision, recall);
  }

  /** The monotone envelope of {@code pr} read at each recall threshold; 0 past the achieved recall. */
  private static double[] precisionAtRecallThresholds(double[] rc, double[] pr) {
    for (int i = pr.length - 1; i > 0; i--) {
      if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
    }
    double[] q = new double[CocoParams.RECALL_THRESHOLDS.length];
    for (int r = 0; r < q.length; r++) {
      int idx = searchSortedLeft(rc, CocoParams.RECALL_THRESHOLDS[r]);
      if (idx >= rc.length) break; // numpy raises IndexError here and pycocotools leaves the rest 0
      q[r] = pr[idx];
    }
    return q;
  }

  /** The first index whose value is {@code >= key} in an ascending array, or its length. */
  static int searchSortedLeft(double[] ascending, double key) {
    int lo = 0;
    int hi = ascending.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ascending[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Precision {@code [threshold][recallThreshold]} and final recall {@code [threshold]}. */
  record Curves(double[][] precision, double[] recall) {}
}
