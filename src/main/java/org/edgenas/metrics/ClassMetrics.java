package org.edgenas.metrics;

/**
 * Per-category results: AP@[.50:.95] and AP@.50 over all areas with 100 detections, -1 when the
 * category has no counted ground truth (pycocotools excludes it from the means).
 *
 * @param groundTruths non-crowd ground truths of the category
 * @param detections detections of the category that were evaluated
 */
public record ClassMetrics(int categoryId, String name, int groundTruths, int detections, double ap, double ap50) {}
