package org.edgenas.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.space.SpaceLoader;

/**
 * Test helper: small hand-made networks. Ops take tensor ids from {@link #tensor}; the
 * architecture behind them is tiny.yaml's default (its layer 0 supplies the bit width 32).
 */
final class HandNetworks {
  private static final Architecture HOST = host();
  private final List<Shape> shapes = new ArrayList<>();
  private final List<Op> ops = new ArrayList<>();

  private static Architecture host() {
    var space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    return space.freeze(space.defaultPicks()).uncompressed();
  }

  /** A new tensor id of the given shape (the first one is the input). */
  int tensor(int c, int h, int w) {
    shapes.add(new Shape(c, h, w));
    return shapes.size() - 1;
  }

  HandNetworks op(Op op) {
    ops.add(op);
    return this;
  }

  /** The network from input 0 to the last op's output. */
  Network build(int imgsz) {
    int out = ops.getLast().output();
    return new Network(HOST, imgsz, ops, shapes, 0, out, List.of(out));
  }

  /** Plain-Java convolution (padding k/2) of input [cin,h,w], weight [cout,cin/g,k,k], bias [cout]. */
  static float[] conv(float[] x, int cin, int h, int w, float[] weight, float[] bias, int cout, int k, int stride, int groups) {
    int pad = k / 2;
    int oh = (h + 2 * pad - k) / stride + 1;
    int ow = (w + 2 * pad - k) / stride + 1;
    int per = cin / groups;
    int outPerGroup = cout / groups;
    float[] y = new float[cout * oh * ow];
    for (int o = 0; o < cout; o++) {
      int g = o / outPerGroup;
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double sum = bias[o];
          for (int i = 0; i < per; i++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * stride + ky - pad;
                int ix = ox * stride + kx - pad;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                sum += weight[((o * per + i) * k + ky) * k + kx] * x[((g * per + i) * h + iy) * w + ix];
              }
            }
          }
          y[(o * oh + oy) * ow + ox] = (float) sum;
        }
      }
    }
    return y;
  }

  /** Plain-Java inference BatchNorm over [c, n] laid out channel-major. */
  static float[] batchNorm(float[] y, int c, float[] gamma, float[] beta, float[] mean, float[] var, double eps) {
    int n = y.length / c;
    float[] out = new float[y.length];
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < n; i++) {
        out[ch * n + i] = (float) (gamma[ch] * (y[ch * n + i] - mean[ch]) / Math.sqrt(var[ch] + eps) + beta[ch]);
      }
    }
    return out;
  }

  static float[] values(int n, IntUnaryOperator thousandths) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = thousandths.applyAsInt(i) / 1000f;
    return v;
  }
}
