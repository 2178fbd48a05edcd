package org.edgenas.metrics;

import java.util.Arrays;

/**
 * pycocotools' {@code eval['precision']} {@code [T][R][K][A][M]} and {@code eval['recall']}
 * {@code [T][K][A][M]}, -1 where a category is excluded, with {@code summarize}'s means: over all
 * entries {@code > -1}, in numpy's C order, summed the way numpy sums (pairwise).
 */
final class EvaluationTables {
  private static final int T = CocoParams.IOU_THRESHOLDS.length;
  private static final int R = CocoParams.RECALL_THRESHOLDS.length;
  private static final int A = AreaRange.values().length;
  private static final int M = CocoParams.MAX_DETS.length;
  private final int k;
  private final double[] precision;
  private final double[] recall;

  EvaluationTables(int categories) {
    this.k = categories;
    this.precision = new double[T * R * k * A * M];
    this.recall = new double[T * k * A * M];
    Arrays.fill(precision, -1);
    Arrays.fill(recall, -1);
  }

  void put(int category, AreaRange area, int maxDetsIndex, Accumulator.Curves curves) {
    int a = area.ordinal();
    for (int t = 0; t < T; t++) {
      for (int r = 0; r < R; r++) precision[p(t, r, category, a, maxDetsIndex)] = curves.precision()[t][r];
      recall[((t * k + category) * A + a) * M + maxDetsIndex] = curves.recall()[t];
    }
  }

  /** Mean precision over valid entries; {@code iouIndex} -1 for all thresholds, {@code category} -1 for all. */
  double averagePrecision(int iouIndex, int category, AreaRange area, int maxDetsIndex) {
    double[] values = new double[T * R * k];
    int n = 0;
    for (int t = 0; t < T; t++) {
      if (iouIndex >= 0 && t != iouIndex) continue;
      for (int r = 0; r < R; r++) {
        for (int c = 0; c < k; c++) {
          if (category >= 0 && c != category) continue;
          double v = precision[p(t, r, c, area.ordinal(), maxDetsIndex)];
          if (v > -1) values[n++] = v;
        }
      }
    }
    return mean(values, n);
  }

  /** Mean recall over valid entries (all thresholds, all categories). */
  double averageRecall(AreaRange area, int maxDetsIndex) {
    double[] values = new double[T * k];
    int n = 0;
    for (int t = 0; t < T; t++) {
      for (int c = 0; c < k; c++) {
        double v = recall[((t * k + c) * A + area.ordinal()) * M + maxDetsIndex];
        if (v > -1) values[n++] = v;
      }
    }
    return mean(values, n);
  }

  private int p(int t, int r, int c, int a, int m) {
    return (((t * R + r) * k + c) * A + a) * M + m;
  }

  /** {@code np.mean} of the first {@code n} values, or -1 when there are none (pycocotools). */
  static double mean(double[] values, int n) {
    if (n == 0) return -1;
    return NumpySum.sum(values, n) / n;
  }
}
