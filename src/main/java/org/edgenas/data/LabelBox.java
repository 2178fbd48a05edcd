package org.edgenas.data;

/**
 * One labelled object in YOLO form: class index and centre/size normalised to the image (0..1).
 */
public record LabelBox(int classId, double cx, double cy, double w, double h) {
  public LabelBox {
    if (classId < 0) throw new IllegalArgumentException("classId must be >= 0, was " + classId);
    if (!(w > 0 && h > 0)) {
      throw new IllegalArgumentException("box w and h must be > 0, were " + w + " and " + h);
    }
  }

  /** The box corners in pixels of an image of the given size: {x1, y1, x2, y2}. */
  public double[] toPixelXyxy(int imageWidth, int imageHeight) {
    return new double[] {
      (cx - w / 2) * imageWidth, (cy - h / 2) * imageHeight,
      (cx + w / 2) * imageWidth, (cy + h / 2) * imageHeight
    };
  }

  /** The box of pixel corners {@code x1 y1 x2 y2} in an image of the given size. */
  public static LabelBox fromPixelXyxy(
      int classId, double x1, double y1, double x2, double y2, int imageWidth, int imageHeight) {
    return new LabelBox(
        classId,
        (x1 + x2) / 2 / imageWidth, (y1 + y2) / 2 / imageHeight,
        (x2 - x1) / imageWidth, (y2 - y1) / imageHeight);
  }

  /** The YOLO label row: {@code class cx cy w h} with six decimals. */
  public String toRow() {
    return String.format(java.util.Locale.ROOT, "%d %.6f %.6f %.6f %.6f", classId, cx, cy, w, h);
  }
}
