package org.edgenas.metrics;

import java.util.Objects;

/**
 * One ground-truth annotation. {@code area} is the annotation's own area field (for COCO the
 * segmentation area, not the box's w·h); it decides the small/medium/large range. A crowd
 * annotation is never required to be found and may absorb many detections.
 */
public record GroundTruth(long id, long imageId, int categoryId, Box box, double area, boolean iscrowd) {
  public GroundTruth {
    Objects.requireNonNull(box, "box");
    if (!Double.isFinite(area) || area < 0) {
      throw new IllegalArgumentException("ground-truth area must be finite and >= 0, was " + area);
    }
  }

  /** A non-crowd annotation whose area is its box's area. */
  public static GroundTruth of(long id, long imageId, int categoryId, Box box) {
    return new GroundTruth(id, imageId, categoryId, box, box.area(), false);
  }
}
