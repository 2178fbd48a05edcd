package org.edgenas.arch;

/**
 * A tensor shape for batch 1: channels × height × width. The decoded Detect output [4+nc, anchors]
 * is represented as {@code (4+nc, 1, anchors)}.
 */
public record Shape(int c, int h, int w) {
  public Shape {
    if (c <= 0 || h <= 0 || w <= 0) {
      throw new IllegalArgumentException("shape dims must be positive, was " + c + "x" + h + "x" + w);
    }
  }

  public long numel() {
    return (long) c * h * w;
  }

  @Override
  public String toString() {
    return "[" + c + ", " + h + ", " + w + "]";
  }
}
