package org.edgenas.metrics;

/**
 * An axis-aligned box in the COCO convention: top-left corner {@code (x, y)}, width and height,
 * in pixels, continuous coordinates (no +1).
 */
public record Box(double x, double y, double w, double h) {
  public Box {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)) {
      throw new IllegalArgumentException("box must have finite x, y, w, h, was " + text(x, y, w, h));
    }
    if (w < 0 || h < 0) {
      throw new IllegalArgumentException("box width and height must be >= 0, was " + text(x, y, w, h));
    }
  }

  /** The box spanning corners {@code (x1, y1)} and {@code (x2, y2)}, with {@code x2 >= x1, y2 >= y1}. */
  public static Box ofCorners(double x1, double y1, double x2, double y2) {
    return new Box(x1, y1, x2 - x1, y2 - y1);
  }

  public double area() {
    return w * h;
  }

  /**
   * The IoU of this (detected) box with a ground-truth box, computed exactly as pycocotools'
   * {@code bbIou}: for a crowd ground truth the union is this box's area alone.
   */
  public double iou(Box gt, boolean crowd) {
    double iw = Math.min(x + w, gt.x + gt.w) - Math.max(x, gt.x);
    if (iw <= 0) return 0;
    double ih = Math.min(y + h, gt.y + gt.h) - Math.max(y, gt.y);
    if (ih <= 0) return 0;
    double inter = iw * ih;
    double union = crowd ? area() : area() + gt.area() - inter;
    return inter / union;
  }

  private static String text(double x, double y, double w, double h) {
    return "[" + x + ", " + y + ", " + w + ", " + h + "]";
  }
}
