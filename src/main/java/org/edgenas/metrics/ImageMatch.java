package org.edgenas.metrics;

/**
 * The matching of one (image, category) for one area range (pycocotools' {@code evaluateImg}
 * result): detections in descending-score order, for each IoU threshold whether each detection
 * matched a ground truth and whether it is ignored, and how many ground truths count.
 *
 * @param scores detection scores, descending, at most 100
 * @param matched {@code [threshold][detection]}: matched a ground truth (with a non-zero id)
 * @param ignored {@code [threshold][detection]}: neither true nor false positive
 * @param countedGroundTruths ground truths that are neither crowd nor outside the area range
 */
record ImageMatch(double[] scores, boolean[][] matched, boolean[][] ignored, int countedGroundTruths) {}
