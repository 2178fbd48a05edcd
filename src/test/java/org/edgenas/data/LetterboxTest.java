package org.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LetterboxTest {
  @Test
  void fitKeepsAspectAndCentres() {
    Letterbox lb = Letterbox.fit(640, 480, 160);
    assertEquals(0.25, lb.scale());
    assertEquals(0, lb.padX());
    assertEquals(20, lb.padY());
    Letterbox tall = Letterbox.fit(300, 600, 160);
    assertEquals(40, tall.padX());
    assertEquals(0, tall.padY());
  }

  @Test
  void boxMappingRoundTrips() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int n = 0; n < 500; n++) {
      int w = 16 + rng.nextInt(1000);
      int h = 16 + rng.nextInt(1000);
      Letterbox lb = Letterbox.fit(w, h, 32 + rng.nextInt(640));
      if (rng.nextBoolean()) lb = lb.rescaled(0.75 + rng.nextDouble() / 2, rng.nextDouble(), rng.nextDouble());
      double bw = 0.01 + rng.nextDouble() * 0.5;
      double bh = 0.01 + rng.nextDouble() * 0.5;
      LabelBox box = new LabelBox(rng.nextInt(8), bw / 2 + rng.nextDouble() * (1 - bw), bh / 2 + rng.nextDouble() * (1 - bh), bw, bh);
      LabelBox back = lb.toSource(box.classId(), lb.toCanvas(box));
      assertEquals(box.classId(), back.classId());
      assertEquals(box.cx(), back.cx(), 1e-9);
      assertEquals(box.cy(), back.cy(), 1e-9);
      assertEquals(box.w(), back.w(), 1e-9);
      assertEquals(box.h(), back.h(), 1e-9);
    }
  }

  @Test
  void mappedBoxCoversTheObjectPixelsOnTheCanvas() {
    // a 200x100 grey image with a red rectangle at x 100..140, y 20..60
    int w = 200, h = 100;
    int[] rgb = new int[w * h];
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) rgb[y * w + x] = (x >= 100 && x < 140 && y >= 20 && y < 60) ? 0xFF0000 : 0x808080;
    Letterbox lb = Letterbox.fit(w, h, 64);
    float[] chw = lb.apply(rgb);
    double[] box = lb.toCanvas(LabelBox.fromPixelXyxy(0, 100, 20, 140, 60, w, h));
    assertEquals(0.32, lb.scale());
    assertEquals(16, lb.padY());
    assertEquals(32.0, box[0], 1e-9);
    assertEquals(22.4, box[1], 1e-9);
    int plane = 64 * 64;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        float r = chw[y * 64 + x];
        float g = chw[plane + y * 64 + x];
        boolean pad = y < 16 || y >= 48;
        boolean deepInside = x > box[0] + 1 && x < box[2] - 2 && y > box[1] + 1 && y < box[3] - 2;
        boolean outside = x < box[0] - 1 || x > box[2] + 1 || y < box[1] - 1 || y > box[3] + 1;
        if (pad) assertEquals(Letterbox.PAD, r, 1e-6f, "padding at " + x + "," + y);
        else if (deepInside) assertTrue(r > 0.95f && g < 0.05f, "red inside at " + x + "," + y);
        else if (outside) assertEquals(128f / 255f, g, 1e-4f, "grey outside at " + x + "," + y);
      }
    }
  }

  @Test
  void shrinkingAveragesInsteadOfSkippingPixels() {
    // a fine 1-pixel checkerboard shrunk 4x should come out mid-grey, not black or white
    int[] rgb = new int[64 * 64];
    for (int i = 0; i < rgb.length; i++) rgb[i] = ((i / 64 + i % 64) % 2 == 0) ? 0xFFFFFF : 0;
    float[] chw = Letterbox.fit(64, 64, 16).apply(rgb);
    for (float v : chw) assertEquals(0.5f, v, 0.07f);
  }
}
