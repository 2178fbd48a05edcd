package org.edgenas.compress;

import java.util.List;
import org.edgenas.arch.Act;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;

/**
 * A plain-Java reference forward (double precision, batch 1) for the ops that move channels
 * around: Conv (+bias/BN/activation, any grouping), Add, Concat, Slice, Pool, Upsample, Shuffle.
 * The Detect decode is not run; its inputs are the last tensors computed.
 */
final class PlainForward {
  private PlainForward() {}

  static boolean supports(Network net) {
    return net.ops().stream().allMatch(op -> op instanceof Op.Conv || op instanceof Op.Add || op instanceof Op.Concat
        || op instanceof Op.Slice || op instanceof Op.Pool || op instanceof Op.Upsample || op instanceof Op.Shuffle
        || op instanceof Op.Detect);
  }

  /** Every tensor's values, [c][h][w] flattened, indexed by tensor id (null for the Detect output). */
  static double[][] run(Network net, Weights w, double[] image) {
    double[][] t = new double[net.shapes().size()][];
    t[net.input()] = image;
    for (Op op : net.ops()) {
      Shape out = net.shape(op.output());
      t[op.output()] = switch (op) {
        case Op.Conv c -> conv(c, w, t[c.input()], net.shape(c.input()), out);
        case Op.Add a -> {
          double[] r = t[a.a()].clone();
          for (int i = 0; i < r.length; i++) r[i] += t[a.b()][i];
          yield r;
        }
        case Op.Concat c -> {
          double[] r = new double[out.c() * out.h() * out.w()];
          int at = 0;
          for (int x : c.inputs()) {
            System.arraycopy(t[x], 0, r, at, t[x].length);
            at += t[x].length;
          }
          yield r;
        }
        case Op.Slice s -> {
          int plane = out.h() * out.w();
          double[] r = new double[out.c() * plane];
          System.arraycopy(t[s.input()], s.from() * plane, r, 0, r.length);
          yield r;
        }
        case Op.Shuffle s -> {
          int plane = out.h() * out.w(), per = out.c() / s.groups();
          double[] r = new double[out.c() * plane];
          for (int i = 0; i < out.c(); i++) System.arraycopy(t[s.input()], ((i % s.groups()) * per + i / s.groups()) * plane, r, i * plane, plane);
          yield r;
        }
        case Op.Pool p -> pool(p, t[p.input()], net.shape(p.input()), out);
        case Op.Upsample u -> upsample(u.scale(), t[u.input()], net.shape(u.input()), out);
        case Op.Detect d -> null;
        default -> throw new IllegalArgumentException("the plain forward does not run " + op);
      };
    }
    return t;
  }

  private static double[] conv(Op.Conv c, Weights w, double[] x, Shape in, Shape out) {
    float[] k = w.get(c.name() + ".weight");
    int perIn = c.cin() / c.groups(), perOut = c.cout() / c.groups(), kk = c.k(), pad = c.padding();
    double[] r = new double[c.cout() * out.h() * out.w()];
    for (int o = 0; o < c.cout(); o++) {
      int group = o / perOut;
      for (int y = 0; y < out.h(); y++) {
        for (int xo = 0; xo < out.w(); xo++) {
          double s = 0;
          for (int i = 0; i < perIn; i++) {
            int ci = group * perIn + i;
            for (int ky = 0; ky < kk; ky++) {
              int iy = y * c.stride() + ky - pad;
              if (iy < 0 || iy >= in.h()) continue;
              for (int kx = 0; kx < kk; kx++) {
                int ix = xo * c.stride() + kx - pad;
                if (ix < 0 || ix >= in.w()) continue;
                s += k[((o * perIn + i) * kk + ky) * kk + kx] * x[(ci * in.h() + iy) * in.w() + ix];
              }
            }
          }
          if (c.bias()) s += w.get(c.name() + ".bias")[o];
          if (c.bn()) {
            String bn = c.name() + ".bn";
            s = (s - w.get(bn + ".mean")[o]) / Math.sqrt(w.get(bn + ".var")[o] + Weights.BN_EPS) * w.get(bn + ".weight")[o]
                + w.get(bn + ".bias")[o];
          }
          r[(o * out.h() + y) * out.w() + xo] = act(c.act(), s);
        }
      }
    }
    return r;
  }

  private static double act(Act a, double s) {
    return switch (a) {
      case NONE -> s;
      case SILU -> s / (1 + Math.exp(-s));
      case RELU -> Math.max(0, s);
      default -> throw new IllegalArgumentException("the plain forward does not run " + a);
    };
  }

  private static double[] pool(Op.Pool p, double[] x, Shape in, Shape out) {
    double[] r = new double[out.c() * out.h() * out.w()];
    for (int c = 0; c < out.c(); c++) {
      for (int y = 0; y < out.h(); y++) {
        for (int xo = 0; xo < out.w(); xo++) {
          double best = Double.NEGATIVE_INFINITY, sum = 0;
          for (int ky = 0; ky < p.k(); ky++) {
            for (int kx = 0; kx < p.k(); kx++) {
              int iy = y * p.stride() + ky - p.pad(), ix = xo * p.stride() + kx - p.pad();
              boolean inside = iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w();
              double v = inside ? x[(c * in.h() + iy) * in.w() + ix] : 0;
              if (inside) best = Math.max(best, v);
              sum += v;
            }
          }
          r[(c * out.h() + y) * out.w() + xo] = p.max() ? best : sum / (p.k() * p.k());
        }
      }
    }
    return r;
  }

  private static double[] upsample(int scale, double[] x, Shape in, Shape out) {
    double[] r = new double[out.c() * out.h() * out.w()];
    for (int c = 0; c < out.c(); c++) {
      for (int y = 0; y < out.h(); y++) {
        for (int xo = 0; xo < out.w(); xo++) r[(c * out.h() + y) * out.w() + xo] = x[(c * in.h() + y / scale) * in.w() + xo / scale];
      }
    }
    return r;
  }

  /** The channels {@code kept} of a [c][h][w] tensor. */
  static double[] channels(double[] x, int plane, int[] kept) {
    double[] r = new double[kept.length * plane];
    for (int i = 0; i < kept.length; i++) System.arraycopy(x, kept[i] * plane, r, i * plane, plane);
    return r;
  }

  static List<Op.Conv> convs(Network net) {
    return net.ops().stream().filter(o -> o instanceof Op.Conv).map(o -> (Op.Conv) o).toList();
  }
}
