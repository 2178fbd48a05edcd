package org.edgenas.metrics;

/**
 * How an image was letterboxed into the model input: resized by {@code scale}, then shifted by
 * {@code padX, padY} input pixels. {@link #toOriginalX}/{@link #toOriginalY} undo it.
 */
public record Letterbox(double scale, double padX, double padY) {
  /** No resize, no padding: the model saw the original pixels. */
  public static final Letterbox NONE = new Letterbox(1, 0, 0);

  public Letterbox {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("letterbox scale must be finite and > 0, was " + scale);
    }
    if (!Double.isFinite(padX) || !Double.isFinite(padY)) {
      throw new IllegalArgumentException("letterbox padding must be finite, was " + padX + ", " + padY);
    }
  }

  /**
   * Ultralytics' {@code LetterBox} (centred, scale-up allowed): scale {@code min(inW/w, inH/h)},
   * the resized size rounded half-to-even as Python's {@code round}, the padding split with
   * {@code round(d - 0.1)} on the left/top.
   */
  public static Letterbox fit(int width, int height, int inputWidth, int inputHeight) {
    if (width <= 0 || height <= 0 || inputWidth <= 0 || inputHeight <= 0) {
      throw new IllegalArgumentException("letterbox sizes must be > 0, was " + width + "x" + height
          + " into " + inputWidth + "x" + inputHeight);
    }
    double scale = Math.min((double) inputHeight / height, (double) inputWidth / width);
    double padW = (inputWidth - Math.rint(width * scale)) / 2;
    double padH = (inputHeight - Math.rint(height * scale)) / 2;
    return new Letterbox(scale, Math.rint(padW - 0.1) + 0.0, Math.rint(padH - 0.1) + 0.0); // + 0.0: no -0.0
  }

  public double toOriginalX(double inputX) {
    return (inputX - padX) / scale;
  }

  public double toOriginalY(double inputY) {
    return (inputY - padY) / scale;
  }
}
