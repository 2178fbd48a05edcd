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
   * The stable descending-score order of every (image, detection) of a category, images in id order.
   * Cutting each image to maxDets keeps the relative order, so one order serves every area range and
   * maxDets (the scores are the same in each range's matches).
   */
  static ScoreOrder order(List<ImageMatch> matches) {
    int total = matches.stream().mapToInt(m -> m.scores().length).sum();
    int[] cell = new int[total];
    int[] det = new int[total];
    double[] scores = new double[total];
    int at = 0;
    for (int c = 0; c < matches.size(); c++) {
      double[] s = matches.get(c).scores();
      for (int d = 0; d < s.length; d++, at++) {
        cell[at] = c;
        det[at] = d;
        scores[at] = s[d];
      }
    }
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) order[i] = i;
    Arrays.sort(order, (p, q) -> scores[p] > scores[q] ? -1 : scores[p] < scores[q] ? 1 : 0); // stable
    int[] sortedCell = new int[total];
    int[] sortedDet = new int[total];
    for (int i = 0; i < total; i++) {
      sortedCell[i] = cell[order[i]];
      sortedDet[i] = det[order[i]];
    }
    return new ScoreOrder(sortedCell, sortedDet);
  }

  /**
   * The precision {@code [threshold][recallThreshold]} and recall {@code [threshold]} of one cell of
   * the tables, or null when the cell stays -1: no image has ground truths or detections, or no
   * ground truth counts. {@code order} is {@link #order} of these matches (of any area range).
   */
  static Curves accumulate(List<ImageMatch> matches, ScoreOrder order, int maxDet) {
    if (matches.isEmpty()) return null;
    int counted = matches.stream().mapToInt(ImageMatch::countedGroundTruths).sum();
    if (counted == 0) return null;
    int nThr = CocoParams.IOU_THRESHOLDS.length;
    double[][] precision = new double[nThr][];
    double[] recall = new double[nThr];
    for (int t = 0; t < nThr; t++) {
      double[] rc = new double[order.det().length];
      double[] pr = new double[rc.length];
      int n = 0;
      long tp = 0;
      long fp = 0;
      for (int i = 0; i < rc.length; i++) {
        int d = order.det()[i];
        if (d >= maxDet) continue; // cut to the image's first maxDet detections
        ImageMatch m = matches.get(order.cell()[i]);
        if (!m.ignored()[t][d]) {
          if (m.matched()[t][d]) tp++;
          else fp++;
        }
        rc[n] = (double) tp / counted;
        pr[n] = tp / ((double) fp + tp + EPS);
        n++;
      }
      recall[t] = n > 0 ? rc[n - 1] : 0;
      precision[t] = precisionAtRecallThresholds(Arrays.copyOf(rc, n), Arrays.copyOf(pr, n));
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

  /** Positions in score order: {@code cell[i]} indexes the matches list, {@code det[i]} the detection in it. */
  record ScoreOrder(int[] cell, int[] det) {}

  /** Precision {@code [threshold][recallThreshold]} and final recall {@code [threshold]}. */
  record Curves(double[][] precision, double[] recall) {}
}
