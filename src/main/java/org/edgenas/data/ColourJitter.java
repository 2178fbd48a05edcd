package org.edgenas.data;

import java.util.SplittableRandom;

/**
 * A per-image colour change on 0..1 RGB values: brightness offset, contrast around 0.5, and
 * saturation (blend with the pixel's grey). Hue is kept: colour is a class cue.
 */
public record ColourJitter(float brightness, float contrast, float saturation) {
  public static final ColourJitter NONE = new ColourJitter(0, 1, 1);

  /** Light random jitter: brightness ±0.1, contrast 0.8..1.2, saturation 0.7..1.3. */
  public static ColourJitter random(SplittableRandom rng) {
    return new ColourJitter(
        (float) (rng.nextDouble() * 0.2 - 0.1), (float) (0.8 + rng.nextDouble() * 0.4), (float) (0.7 + rng.nextDouble() * 0.6));
  }

  /** Applies the jitter to one RGB triple in place, clamping to 0..1. */
  void apply(float[] rgb) {
    if (this.equals(NONE)) return;
    float grey = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
    for (int c = 0; c < 3; c++) {
      float v = grey + (rgb[c] - grey) * saturation;
      v = (v - 0.5f) * contrast + 0.5f + brightness;
      rgb[c] = Math.max(0f, Math.min(1f, v));
    }
  }
}
