package org.edgenas.metrics;

/**
 * COCO's object-size ranges on the ground truth's area field, bounds INCLUSIVE at both ends: an
 * area of exactly 1024 (32²) is both small and medium, 9216 (96²) both medium and large.
 */
public enum AreaRange {
  ALL("all", 0, 1e10),
  SMALL("small", 0, 1024),
  MEDIUM("medium", 1024, 9216),
  LARGE("large", 9216, 1e10);

  private final String label;
  private final double min;
  private final double max;

  AreaRange(String label, double min, double max) {
    this.label = label;
    this.min = min;
    this.max = max;
  }

  public String label() {
    return label;
  }

  /** True when {@code area} lies outside {@code [min, max]} (pycocotools: {@code a < lo or a > hi}). */
  public boolean excludes(double area) {
    return area < min || area > max;
  }
}
