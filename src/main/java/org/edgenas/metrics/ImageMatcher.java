package org.edgenas.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy matching of one (image, category), as pycocotools' {@code computeIoU} and
 * {@code evaluateImg}: detections stable-sorted by descending score and cut to 100; ground truths
 * stable-sorted with the counted ones first; each detection, in score order, takes the
 * highest-IoU ground truth still free (crowds are never used up) with IoU {@code >=} the threshold,
 * preferring a counted ground truth over an ignored one.
 */
final class ImageMatcher {
  private static final int MAX_DET = CocoParams.MAX_DETS[CocoParams.MAX_DETS.length - 1];

  private ImageMatcher() {}

  /**
   * One {@link ImageMatch} per {@link AreaRange} (in enum order), or null when the cell has neither
   * ground truths nor detections (pycocotools returns None and the cell is skipped).
   */
  static ImageMatch[] match(List<GroundTruth> gts, List<Detection> detections) {
    if (gts.isEmpty() && detections.isEmpty()) return null;
    List<Detection> dets = sortByScore(detections, MAX_DET);
    double[][] iou = new double[dets.size()][gts.size()];
    for (int d = 0; d < dets.size(); d++) {
      for (int g = 0; g < gts.size(); g++) {
        iou[d][g] = dets.get(d).box().iou(gts.get(g).box(), gts.get(g).iscrowd());
      }
    }
    double[] scores = dets.stream().mapToDouble(Detection::score).toArray();
    AreaRange[] ranges = AreaRange.values();
    ImageMatch[] result = new ImageMatch[ranges.length];
    for (int a = 0; a < ranges.length; a++) result[a] = matchInRange(gts, dets, scores, iou, ranges[a]);
    return result;
  }

  /** Stable sort by descending score (numpy mergesort of -score), keeping at most {@code limit}. */
  static List<Detection> sortByScore(List<Detection> detections, int limit) {
    List<Detection> sorted = new ArrayList<>(detections);
    sorted.sort((p, q) -> p.score() > q.score() ? -1 : p.score() < q.score() ? 1 : 0);
    return sorted.subList(0, Math.min(limit, sorted.size()));
  }

  private static ImageMatch matchInRange(
      List<GroundTruth> gts, List<Detection> dets, double[] scores, double[][] iou, AreaRange range) {
    int nGt = gts.size();
    boolean[] gtIgnoredOriginal = new boolean[nGt];
    for (int g = 0; g < nGt; g++) {
      gtIgnoredOriginal[g] = gts.get(g).iscrowd() || range.excludes(gts.get(g).area());
    }
    int[] order = new int[nGt]; // stable: counted ground truths first, then ignored ones
    int next = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int g = 0; g < nGt; g++) if (gtIgnoredOriginal[g] == (pass == 1)) order[next++] = g;
    }
    int counted = (int) java.util.stream.IntStream.range(0, nGt).filter(g -> !gtIgnoredOriginal[g]).count();

    int nThr = CocoParams.IOU_THRESHOLDS.length;
    int nDet = dets.size();
    boolean[][] matched = new boolean[nThr][nDet];
    boolean[][] ignored = new boolean[nThr][nDet];
    for (int t = 0; t < nThr; t++) {
      boolean[] gtTaken = new boolean[nGt];
      for (int d = 0; d < nDet; d++) {
        double best = Math.min(CocoParams.IOU_THRESHOLDS[t], 1 - 1e-10);
        int m = -1;
        for (int gi = 0; gi < nGt; gi++) {
          int g = order[gi];
          if (gtTaken[gi] && !gts.get(g).iscrowd()) continue;
          if (m > -1 && !gtIgnoredOriginal[order[m]] && gtIgnoredOriginal[g]) break;
          if (iou[d][g] < best) continue;
          best = iou[d][g];
          m = gi;
        }
        if (m == -1) continue;
        ignored[t][d] = gtIgnoredOriginal[order[m]];
        // pycocotools stores the ground truth's id as the match and later tests it for truth,
        // so a match with annotation id 0 counts as unmatched: reproduced on purpose.
        matched[t][d] = gts.get(order[m]).id() != 0;
        gtTaken[m] = true;
      }
      for (int d = 0; d < nDet; d++) {
        if (!matched[t][d] && range.excludes(dets.get(d).box().area())) ignored[t][d] = true;
      }
    }
    return new ImageMatch(Arrays.copyOf(scores, nDet), matched, ignored, counted);
  }
}
