package org.edgenas.data;

/**
 * The object classes of the synthetic dataset, each a distinct shape AND colour. A shape is a
 * test on box-normalised coordinates u, v in -1..1 (left/top = -1); every shape reaches all four
 * sides of its box, so the drawn pixels span the box.
 */
enum SynthShape {
  CIRCLE(0xDC1E1E) {
    @Override boolean inside(double u, double v) { return u * u + v * v <= 1; }
  },
  SQUARE(0x1EB41E) {
    @Override boolean inside(double u, double v) { return true; }
  },
  TRIANGLE(0x1E3CDC) {
    @Override boolean inside(double u, double v) { return Math.abs(u) <= (v + 1) / 2 + 0.05; }
  },
  CROSS(0xE6DC1E) {
    @Override boolean inside(double u, double v) { return Math.abs(u) <= 0.3 || Math.abs(v) <= 0.3; }
  },
  RING(0xD228C8) {
    @Override boolean inside(double u, double v) {
      double r2 = u * u + v * v;
      return r2 <= 1 && r2 >= 0.3;
    }
  },
  DIAMOND(0x1EC8D2) {
    @Override boolean inside(double u, double v) { return Math.abs(u) + Math.abs(v) <= 1.05; }
  },
  HEXAGON(0xFA8C14) {
    @Override boolean inside(double u, double v) { return Math.abs(u) + Math.abs(v) * 0.5 <= 1; }
  },
  TEE(0xF0F0F0) {
    @Override boolean inside(double u, double v) { return v <= -0.4 || Math.abs(u) <= 0.3; }
  };

  private final int rgb;

  SynthShape(int rgb) {
    this.rgb = rgb;
  }

  /** The base colour, 0xRRGGBB (jittered per object when drawn). */
  int rgb() {
    return rgb;
  }

  /** The class name written to {@code data.yaml}, e.g. "circle". */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  abstract boolean inside(double u, double v);
}
