package org.edgenas.train;

import java.util.List;

/**
 * The task-aligned assigner of YOLOv8/11 (TOOD), run on the host for one image: an anchor is a
 * candidate for a ground-truth box when its centre lies inside the box; the alignment metric is
 * score^α·CIoU^β (α 0.5, β 6); each box takes its top-k (10) candidates; an anchor claimed by
 * several boxes keeps the one it overlaps most. Targets are the box and a soft class score: the
 * alignment normalised per box so its best anchor scores that anchor's IoU.
 */
final class TaskAlignedAssigner {
  static final int TOP_K = 10;
  static final double ALPHA = 0.5;
  static final double BETA = 6.0;
  static final double EPS = 1e-9;

  private TaskAlignedAssigner() {}

  /**
   * The targets of one image.
   *
   * @param fg whether each anchor is foreground
   * @param gt the ground-truth index of each foreground anchor
   * @param score the soft target score of each foreground anchor (for its gt's class)
   */
  record Assignment(boolean[] fg, int[] gt, float[] score) {}

  /**
   * @param scores sigmoid class scores, [nc][A] flattened with anchor fastest, starting at offset
   * @param boxes predicted corner boxes in pixels, [4][A] starting at boxOffset
   * @param ax anchor centre x in pixels
   * @param ay anchor centre y in pixels
   * @param gts ground truth {x1, y1, x2, y2, class} in pixels
   */
  static Assignment assign(float[] scores, int offset, float[] boxes, int boxOffset, float[] ax, float[] ay,
      List<float[]> gts) {
    int a = ax.length, n = gts.size();
    boolean[] fg = new boolean[a];
    int[] gtOf = new int[a];
    float[] score = new float[a];
    if (n == 0) return new Assignment(fg, gtOf, score);
    double[][] overlap = new double[n][a];
    double[][] align = new double[n][a];
    boolean[][] pos = new boolean[n][a];
    for (int j = 0; j < n; j++) {
      float[] g = gts.get(j);
      int cls = (int) g[4];
      int[] inside = new int[a];
      int count = 0;
      for (int i = 0; i < a; i++) {
        double d = Math.min(Math.min(ax[i] - g[0], ay[i] - g[1]), Math.min(g[2] - ax[i], g[3] - ay[i]));
        if (d <= EPS) continue;
        inside[count++] = i;
        double iou = Math.max(0, BoxIou.ciou(g[0], g[1], g[2], g[3], boxes[boxOffset + i], boxes[boxOffset + a + i],
            boxes[boxOffset + 2 * a + i], boxes[boxOffset + 3 * a + i]));
        overlap[j][i] = iou;
        align[j][i] = Math.pow(scores[offset + cls * a + i], ALPHA) * Math.pow(iou, BETA);
      }
      markTopK(align[j], pos[j], inside, count);
    }
    for (int i = 0; i < a; i++) {
      int claims = 0, best = -1;
      for (int j = 0; j < n; j++) if (pos[j][i]) claims++;
      if (claims == 0) continue;
      if (claims > 1) {
        best = 0;
        for (int j = 1; j < n; j++) if (overlap[j][i] > overlap[best][i]) best = j;
        for (int j = 0; j < n; j++) pos[j][i] = j == best;
      } else {
        for (int j = 0; j < n; j++) if (pos[j][i]) best = j;
      }
      fg[i] = true;
      gtOf[i] = best;
    }
    double[] maxAlign = new double[n], maxOverlap = new double[n];
    for (int i = 0; i < a; i++) {
      if (!fg[i]) continue;
      int j = gtOf[i];
      maxAlign[j] = Math.max(maxAlign[j], align[j][i]);
      maxOverlap[j] = Math.max(maxOverlap[j], overlap[j][i]);
    }
    for (int i = 0; i < a; i++) {
      if (fg[i]) score[i] = (float) (align[gtOf[i]][i] * maxOverlap[gtOf[i]] / (maxAlign[gtOf[i]] + EPS));
    }
    return new Assignment(fg, gtOf, score);
  }

  /** Marks the top-k inside anchors by alignment (ties: lower index first). */
  private static void markTopK(double[] align, boolean[] pos, int[] inside, int count) {
    for (int t = 0; t < Math.min(TOP_K, count); t++) {
      int best = -1;
      for (int c = 0; c < count; c++) {
        int i = inside[c];
        if (!pos[i] && (best < 0 || align[i] > align[best])) best = i;
      }
      pos[best] = true;
    }
  }
}
