package org.edgenas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one synthetic image: a textured, noisy background (gradient, stripes or blobs) and 1–6
 * objects of varied scale and aspect ratio with jittered colours. Later objects may overlap
 * earlier ones; a placement that would hide more than {@link #MAX_HIDDEN} of an earlier object is
 * tried elsewhere (or dropped), so every drawn object is labelled with the full box of its pixels.
 */
final class SynthRenderer {
  static final double MAX_HIDDEN = 0.6;
  private static final int ATTEMPTS = 25;
  private static final int MIN_PIXELS = 24;

  /** A rendered image: 0xRRGGBB pixels row by row, the labels, and which object owns each pixel (-1: none). */
  record Rendered(int size, int[] rgb, List<LabelBox> boxes, int[] owner) {}

  private SynthRenderer() {}

  static Rendered render(int size, int classes, SplittableRandom rng) {
    int[] rgb = SynthBackground.paint(size, rng);
    int[] owner = new int[size * size];
    java.util.Arrays.fill(owner, -1);
    List<int[]> pixelCounts = new ArrayList<>(); // per object: {total, visible}
    List<LabelBox> boxes = new ArrayList<>();
    int wanted = 1 + rng.nextInt(6);
    for (int n = 0; n < wanted; n++) {
      SynthShape shape = SynthShape.values()[rng.nextInt(classes)];
      int colour = jitter(shape.rgb(), rng);
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        double longSide = size * Math.exp(uniform(rng, Math.log(0.07), Math.log(0.6)));
        double aspect = Math.exp(uniform(rng, Math.log(0.5), Math.log(2.0)));
        int w = clamp((int) Math.round(longSide * Math.min(1, aspect)), 6, size);
        int h = clamp((int) Math.round(longSide * Math.min(1, 1 / aspect)), 6, size);
        int x0 = rng.nextInt(size - w + 1);
        int y0 = rng.nextInt(size - h + 1);
        boolean[] mask = mask(shape, w, h);
        if (!fits(mask, x0, y0, w, size, owner, pixelCounts)) continue;
        int id = boxes.size();
        int minX = w, minY = h, maxX = -1, maxY = -1, total = 0;
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            if (!mask[y * w + x]) continue;
            int at = (y0 + y) * size + x0 + x;
            if (owner[at] >= 0) pixelCounts.get(owner[at])[1]--;
            owner[at] = id;
            rgb[at] = colour;
            total++;
            minX = Math.min(minX, x); maxX = Math.max(maxX, x);
            minY = Math.min(minY, y); maxY = Math.max(maxY, y);
          }
        }
        pixelCounts.add(new int[] {total, total});
        boxes.add(LabelBox.fromPixelXyxy(shape.ordinal(), x0 + minX, y0 + minY, x0 + maxX + 1, y0 + maxY + 1, size, size));
        break;
      }
    }
    addNoise(rgb, rng);
    return new Rendered(size, rgb, boxes, owner);
  }

  /** True when the mask has enough pixels and leaves every earlier object at least 40% visible. */
  private static boolean fits(boolean[] mask, int x0, int y0, int w, int size, int[] owner, List<int[]> counts) {
    int[] hidden = new int[counts.size()];
    int pixels = 0;
    for (int i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      pixels++;
      int o = owner[(y0 + i / w) * size + x0 + i % w];
      if (o >= 0) hidden[o]++;
    }
    if (pixels < MIN_PIXELS) return false;
    for (int o = 0; o < hidden.length; o++) {
      int[] c = counts.get(o);
      if (c[1] - hidden[o] < (1 - MAX_HIDDEN) * c[0]) return false;
    }
    return true;
  }

  private static boolean[] mask(SynthShape shape, int w, int h) {
    boolean[] mask = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      double v = (y + 0.5) / h * 2 - 1;
      for (int x = 0; x < w; x++) mask[y * w + x] = shape.inside((x + 0.5) / w * 2 - 1, v);
    }
    return mask;
  }

  /** Per-object colour jitter: brightness scaled by 0.85..1.1, each channel shifted by -10..10 (hue kept roughly). */
  private static int jitter(int rgb, SplittableRandom rng) {
    double gain = uniform(rng, 0.85, 1.1);
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      double c = ((rgb >> shift) & 0xFF) * gain + rng.nextInt(-10, 11);
      out |= clamp((int) Math.round(c), 0, 255) << shift;
    }
    return out;
  }

  /** Per-pixel noise on every channel: the sum of two uniform draws, amplitude 3..10 per image. */
  private static void addNoise(int[] rgb, SplittableRandom rng) {
    int amp = 3 + rng.nextInt(8);
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      int r = clamp(((p >> 16) & 0xFF) + rng.nextInt(-amp, amp + 1) + rng.nextInt(-amp, amp + 1) / 2, 0, 255);
      int g = clamp(((p >> 8) & 0xFF) + rng.nextInt(-amp, amp + 1) + rng.nextInt(-amp, amp + 1) / 2, 0, 255);
      int b = clamp((p & 0xFF) + rng.nextInt(-amp, amp + 1) + rng.nextInt(-amp, amp + 1) / 2, 0, 255);
      rgb[i] = r << 16 | g << 8 | b;
    }
  }

  static double uniform(SplittableRandom rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
