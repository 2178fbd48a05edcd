package org.edgenas.data;

import java.util.SplittableRandom;

/** Muted, textured backgrounds for synthetic images: a gradient, stripes, or soft blobs. */
final class SynthBackground {
  private SynthBackground() {}

  /** A size×size background, 0xRRGGBB row by row. */
  static int[] paint(int size, SplittableRandom rng) {
    double[] a = mutedColour(rng);
    double[] b = mutedColour(rng);
    int kind = rng.nextInt(3);
    double angle = rng.nextDouble() * Math.PI;
    double dx = Math.cos(angle);
    double dy = Math.sin(angle);
    double period = SynthRenderer.uniform(rng, 6, 40);
    int blobs = 3 + rng.nextInt(4);
    double[][] blob = new double[blobs][];
    for (int i = 0; i < blobs; i++) {
      blob[i] = new double[] {rng.nextDouble() * size, rng.nextDouble() * size,
          SynthRenderer.uniform(rng, 0.08, 0.3) * size, rng.nextDouble()};
    }
    int[] rgb = new int[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double t = switch (kind) {
          case 0 -> ((x - size / 2.0) * dx + (y - size / 2.0) * dy) / size + 0.5;
          case 1 -> 0.5 + 0.5 * Math.sin(2 * Math.PI * (x * dx + y * dy) / period);
          default -> blobMix(blob, x, y);
        };
        t = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(a[0] + (b[0] - a[0]) * t);
        int g = (int) Math.round(a[1] + (b[1] - a[1]) * t);
        int bl = (int) Math.round(a[2] + (b[2] - a[2]) * t);
        rgb[y * size + x] = r << 16 | g << 8 | bl;
      }
    }
    return rgb;
  }

  private static double blobMix(double[][] blobs, int x, int y) {
    double t = 0;
    for (double[] b : blobs) {
      double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]);
      t += b[3] * Math.exp(-d2 / (2 * b[2] * b[2]));
    }
    return t;
  }

  /** A greyish colour: a grey level 60..190 with each channel moved by up to ±25. */
  private static double[] mutedColour(SplittableRandom rng) {
    int grey = 60 + rng.nextInt(131);
    return new double[] {grey + rng.nextInt(-25, 26), grey + rng.nextInt(-25, 26), grey + rng.nextInt(-25, 26)};
  }
}
