package org.edgenas.data;

/**
 * Places a source image of {@code srcWidth×srcHeight} on a {@code size×size} canvas: scaled by
 * {@code scale} and shifted by {@code padX, padY} pixels, the rest grey 114 (Ultralytics'
 * letterbox). A canvas point is {@code src * scale + pad}. {@link #fit} keeps the aspect ratio and
 * centres the image; {@link #rescaled} is the augmentation variant (may crop when larger).
 */
public record Letterbox(int size, int srcWidth, int srcHeight, double scale, int padX, int padY) {
  /** The padding value, 114/255. */
  public static final float PAD = 114f / 255f;

  public Letterbox {
    if (size <= 0 || srcWidth <= 0 || srcHeight <= 0) {
      throw new IllegalArgumentException("letterbox sizes must be positive, were " + size + ", " + srcWidth + "x" + srcHeight);
    }
    if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("letterbox scale must be > 0, was " + scale);
  }

  /** The centred, aspect-keeping fit of a {@code srcWidth×srcHeight} image into {@code size×size}. */
  public static Letterbox fit(int srcWidth, int srcHeight, int size) {
    double scale = Math.min((double) size / srcWidth, (double) size / srcHeight);
    return centred(size, srcWidth, srcHeight, scale, 0.5, 0.5);
  }

  /**
   * This letterbox with its scale multiplied by {@code factor} and the content placed at {@code
   * fx, fy} (0..1) of the free range (or of the overhang, when the content is larger than the canvas).
   */
  public Letterbox rescaled(double factor, double fx, double fy) {
    return centred(size, srcWidth, srcHeight, scale * factor, fx, fy);
  }

  private static Letterbox centred(int size, int w, int h, double scale, double fx, double fy) {
    long contentW = Math.round(w * scale);
    long contentH = Math.round(h * scale);
    int padX = (int) Math.round((size - contentW) * fx - 0.1);
    int padY = (int) Math.round((size - contentH) * fy - 0.1);
    return new Letterbox(size, w, h, scale, padX, padY);
  }

  /** The canvas as float CHW (3×size×size, RGB, 0..1) from 0xRRGGBB source pixels row by row. */
  public float[] apply(int[] rgb) {
    float[] chw = new float[3 * size * size];
    LetterboxPainter.paint(this, rgb, false, chw, 0, ColourJitter.NONE);
    return chw;
  }

  /** A YOLO box of the source image as canvas pixels {x1, y1, x2, y2} (not clipped). */
  public double[] toCanvas(LabelBox box) {
    double[] xyxy = box.toPixelXyxy(srcWidth, srcHeight);
    for (int i = 0; i < 4; i++) xyxy[i] = xyxy[i] * scale + (i % 2 == 0 ? padX : padY);
    return xyxy;
  }

  /** Canvas pixels {x1, y1, x2, y2} back to a YOLO box of the source image. */
  public LabelBox toSource(int classId, double[] xyxy) {
    return LabelBox.fromPixelXyxy(classId,
        (xyxy[0] - padX) / scale, (xyxy[1] - padY) / scale,
        (xyxy[2] - padX) / scale, (xyxy[3] - padY) / scale, srcWidth, srcHeight);
  }
}
