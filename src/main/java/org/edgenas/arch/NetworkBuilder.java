package org.edgenas.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers blocks to {@link Op}s while inferring every tensor's shape. Blocks call the methods
 * below with their own parameter names; shape errors become IllegalArgumentExceptions that the
 * architecture turns into messages naming the layer.
 */
public final class NetworkBuilder {
  private final Network nominal;
  private final List<Op> ops = new ArrayList<>();
  private final List<Shape> shapes = new ArrayList<>();
  private int layer = -1;
  private String prefix = "";
  private double prune;
  private int quantum = 4;

  /**
   * @param nominal the same architecture lowered without pruning, or null when nothing is pruned:
   *     structural decisions (a residual or a projection, a split or two branches) are taken on its
   *     widths, so a pruned network has the same ops as its parent, only narrower
   */
  NetworkBuilder(Network nominal) {
    this.nominal = nominal;
  }

  /** The tensor's channels in the unpruned parent network (equal to {@link #channels} when nothing is pruned). */
  public int nominalChannels(int tensor) {
    return nominal == null ? channels(tensor) : nominal.shape(tensor).c();
  }

  int newTensor(Shape shape) {
    shapes.add(shape);
    return shapes.size() - 1;
  }

  void startLayer(int index, String name, double pruneRatio, int pruneQuantum) {
    this.layer = index;
    this.prefix = name;
    this.prune = pruneRatio;
    this.quantum = pruneQuantum;
  }

  List<Op> ops() {
    return ops;
  }

  List<Shape> shapes() {
    return shapes;
  }

  public Shape shape(int tensor) {
    return shapes.get(tensor);
  }

  public int channels(int tensor) {
    return shapes.get(tensor).c();
  }

  /** The parameter-name prefix of the current layer plus a suffix, e.g. {@code b2.m.0.cv1}. */
  public String name(String suffix) {
    return suffix.isEmpty() ? prefix : prefix + "." + suffix;
  }

  /**
   * A hidden width after the layer's structured pruning ratio: {@code c·(1−r)} rounded to a
   * multiple of 4 (at least min(c, 8)), or of the larger multiple the layer's consumers need (see
   * {@link Architecture#lower}; at least min(c, that multiple)); unchanged at ratio 0.
   */
  public int pruned(int c) {
    if (prune == 0) return c;
    int kept = (int) Math.round(c * (1 - prune) / quantum) * quantum;
    return Math.max(Math.min(c, Math.max(8, quantum)), Math.min(c, kept));
  }

  private static int convOut(int size, int k, int s, int p) {
    int out = Math.floorDiv(size + 2 * p - k, s) + 1;
    if (out <= 0) throw new IllegalArgumentException("spatial size " + size + " too small for kernel " + k + " stride " + s);
    return out;
  }

  /** Ultralytics Conv: convolution (no bias), BatchNorm, activation. */
  public int conv(String suffix, int x, int cout, int k, int s, int g, Act act) {
    return addConv(suffix, x, cout, k, s, g, false, true, act);
  }

  public int conv(String suffix, int x, int cout, int k, int s) {
    return conv(suffix, x, cout, k, s, 1, Act.SILU);
  }

  /** A plain convolution: no bias, no BatchNorm, no activation (FasterNet's PConv). */
  public int convPlain(String suffix, int x, int cout, int k) {
    return addConv(suffix, x, cout, k, 1, 1, false, false, Act.NONE);
  }

  /** A plain convolution with bias and no BatchNorm (Detect outputs, SE, fusion weights). */
  public int convBias(String suffix, int x, int cout, int k, int s, Act act) {
    return addConv(suffix, x, cout, k, s, 1, true, false, act);
  }

  private int addConv(String suffix, int x, int cout, int k, int s, int g, boolean bias, boolean bn, Act act) {
    Shape in = shape(x);
    int out = newTensor(new Shape(cout, convOut(in.h(), k, s, k / 2), convOut(in.w(), k, s, k / 2)));
    ops.add(new Op.Conv(layer, name(suffix), x, out, in.c(), cout, k, s, g, bias, bn, act));
    return out;
  }

  /**
   * A GhostNetV3 re-parameterisable convolution (see {@link Op.RepConv}); {@code identity} adds the
   * BN-only identity branch (needs cin == cout and stride 1).
   */
  public int repConv(String suffix, int x, int cout, int k, int s, int g, int branches, boolean identity, Act act) {
    Shape in = shape(x);
    if (identity && (in.c() != cout || s != 1)) {
      throw new IllegalArgumentException(name(suffix) + ": an identity branch needs equal channels and stride 1, was "
          + in.c() + "->" + cout + " stride " + s);
    }
    int out = newTensor(new Shape(cout, convOut(in.h(), k, s, k / 2), convOut(in.w(), k, s, k / 2)));
    ops.add(new Op.RepConv(layer, name(suffix), x, out, in.c(), cout, k, s, g, branches, k > 1, identity, act));
    return out;
  }

  public int maxPool(int x, int k, int s, int p) {
    return pool(x, true, k, s, p);
  }

  public int avgPool(int x, int k, int s, int p) {
    return pool(x, false, k, s, p);
  }

  private int pool(int x, boolean max, int k, int s, int p) {
    Shape in = shape(x);
    int out = newTensor(new Shape(in.c(), convOut(in.h(), k, s, p), convOut(in.w(), k, s, p)));
    ops.add(new Op.Pool(layer, x, out, max, k, s, p));
    return out;
  }

  public int globalAvgPool(int x) {
    int out = newTensor(new Shape(shape(x).c(), 1, 1));
    ops.add(new Op.GlobalAvgPool(layer, x, out));
    return out;
  }

  public int upsample(int x, int scale) {
    Shape in = shape(x);
    int out = newTensor(new Shape(in.c(), in.h() * scale, in.w() * scale));
    ops.add(new Op.Upsample(layer, x, out, scale));
    return out;
  }

  public int concat(List<Integer> xs) {
    Shape first = shape(xs.get(0));
    int c = 0;
    for (int x : xs) {
      Shape s = shape(x);
      if (s.h() != first.h() || s.w() != first.w()) {
        throw new IllegalArgumentException("Concat inputs differ in spatial size: " + first + " vs " + s);
      }
      c += s.c();
    }
    int out = newTensor(new Shape(c, first.h(), first.w()));
    ops.add(new Op.Concat(layer, xs, out));
    return out;
  }

  public int add(int a, int b) {
    if (!shape(a).equals(shape(b))) {
      throw new IllegalArgumentException("residual add of different shapes " + shape(a) + " and " + shape(b));
    }
    int out = newTensor(shape(a));
    ops.add(new Op.Add(layer, a, b, out));
    return out;
  }

  public int mul(int a, int b) {
    Shape sa = shape(a), sb = shape(b);
    boolean ok = sa.equals(sb)
        || (sb.c() == sa.c() && sb.h() == 1 && sb.w() == 1)
        || (sb.c() == 1 && sb.h() == sa.h() && sb.w() == sa.w());
    if (!ok) throw new IllegalArgumentException("cannot multiply " + sa + " by " + sb);
    int out = newTensor(sa);
    ops.add(new Op.Mul(layer, a, b, out));
    return out;
  }

  public int slice(int x, int from, int to) {
    Shape in = shape(x);
    if (from < 0 || to > in.c() || from >= to) {
      throw new IllegalArgumentException("channel slice " + from + ".." + to + " outside " + in);
    }
    int out = newTensor(new Shape(to - from, in.h(), in.w()));
    ops.add(new Op.Slice(layer, x, out, from, to));
    return out;
  }

  public int shuffle(int x, int groups) {
    if (shape(x).c() % groups != 0) throw new IllegalArgumentException("shuffle of " + shape(x) + " in " + groups + " groups");
    int out = newTensor(shape(x));
    ops.add(new Op.Shuffle(layer, x, out, groups));
    return out;
  }

  public int activation(int x, Act act) {
    int out = newTensor(shape(x));
    ops.add(new Op.Activation(layer, x, out, act));
    return out;
  }

  public int softmax(int x) {
    int out = newTensor(shape(x));
    ops.add(new Op.Softmax(layer, x, out));
    return out;
  }

  public int attention(int qkv, int heads, int keyDim, int headDim, boolean valuesOnly) {
    Shape in = shape(qkv);
    if (in.c() != heads * (2 * keyDim + headDim)) {
      throw new IllegalArgumentException("attention input " + in + " does not hold " + heads + " heads of q,k,v");
    }
    int out = newTensor(new Shape(heads * headDim, in.h(), in.w()));
    ops.add(new Op.Attention(layer, qkv, out, heads, keyDim, headDim, valuesOnly));
    return out;
  }

  public int detect(String suffix, List<Integer> boxAndClass, int nc, int regMax, List<Integer> strides) {
    int anchors = 0;
    for (int i = 0; i < boxAndClass.size(); i += 2) {
      Shape s = shape(boxAndClass.get(i));
      anchors += s.h() * s.w();
    }
    int out = newTensor(new Shape(4 + nc, 1, anchors));
    ops.add(new Op.Detect(layer, name(suffix), boxAndClass, out, nc, regMax, strides));
    return out;
  }
}
