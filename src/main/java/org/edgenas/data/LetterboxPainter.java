package org.edgenas.data;

import java.util.Arrays;

/**
 * Resamples a source image onto a letterbox canvas (bilinear; averaged over several samples per
 * canvas pixel when shrinking by more than 2×), optionally mirrored, with a colour jitter.
 */
final class LetterboxPainter {
  private static final int MAX_SAMPLES = 4;

  private LetterboxPainter() {}

  /** Writes the 3×size×size canvas into {@code dst} from {@code offset}, channel-major. */
  static void paint(Letterbox lb, int[] rgb, boolean flip, float[] dst, int offset, ColourJitter jitter) {
    int s = lb.size();
    int plane = s * s;
    Arrays.fill(dst, offset, offset + 3 * plane, Letterbox.PAD);
    int n = Math.min(MAX_SAMPLES, Math.max(1, (int) Math.ceil(1 / lb.scale() - 1e-9)));
    int x0 = Math.max(0, lb.padX());
    int y0 = Math.max(0, lb.padY());
    int x1 = (int) Math.min(s, lb.padX() + Math.round(lb.srcWidth() * lb.scale()));
    int y1 = (int) Math.min(s, lb.padY() + Math.round(lb.srcHeight() * lb.scale()));
    float[] px = new float[3];
    float[] acc = new float[3];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        acc[0] = acc[1] = acc[2] = 0;
        for (int sy = 0; sy < n; sy++) {
          double srcY = (y + (sy + 0.5) / n - lb.padY()) / lb.scale() - 0.5;
          for (int sx = 0; sx < n; sx++) {
            double srcX = (x + (sx + 0.5) / n - lb.padX()) / lb.scale() - 0.5;
            bilinear(rgb, lb.srcWidth(), lb.srcHeight(), srcX, srcY, px);
            acc[0] += px[0];
            acc[1] += px[1];
            acc[2] += px[2];
          }
        }
        float norm = 1f / (n * n * 255f);
        px[0] = acc[0] * norm;
        px[1] = acc[1] * norm;
        px[2] = acc[2] * norm;
        jitter.apply(px);
        int at = offset + y * s + (flip ? s - 1 - x : x);
        dst[at] = px[0];
        dst[at + plane] = px[1];
        dst[at + 2 * plane] = px[2];
      }
    }
  }

  /** Bilinear sample (0..255 per channel) at source pixel coordinates, edges clamped. */
  private static void bilinear(int[] rgb, int w, int h, double x, double y, float[] out) {
    x = Math.max(0, Math.min(w - 1, x));
    y = Math.max(0, Math.min(h - 1, y));
    int ix = (int) x;
    int iy = (int) y;
    int jx = Math.min(ix + 1, w - 1);
    int jy = Math.min(iy + 1, h - 1);
    float fx = (float) (x - ix);
    float fy = (float) (y - iy);
    int a = rgb[iy * w + ix];
    int b = rgb[iy * w + jx];
    int c = rgb[jy * w + ix];
    int d = rgb[jy * w + jx];
    for (int ch = 0, shift = 16; ch < 3; ch++, shift -= 8) {
      float top = ((a >> shift) & 0xFF) * (1 - fx) + ((b >> shift) & 0xFF) * fx;
      float bottom = ((c >> shift) & 0xFF) * (1 - fx) + ((d >> shift) & 0xFF) * fx;
      out[ch] = top * (1 - fy) + bottom * fy;
    }
  }
}
