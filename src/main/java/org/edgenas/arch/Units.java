package org.edgenas.arch;

import java.util.ArrayList;
import java.util.List;

/** Inner units shared by several blocks (Bottleneck, C3k, PSA, FasterNet, Ghost module, SE). */
final class Units {
  private Units() {}

  static String join(String prefix, String suffix) {
    return prefix.isEmpty() ? suffix : prefix + "." + suffix;
  }

  /** Ultralytics Bottleneck(c1, c2, shortcut, k=(k1,k2), e): residual iff shortcut and c1 == c2. */
  static int bottleneck(NetworkBuilder b, String name, int x, int c2, boolean shortcut, int k1, int k2, double e) {
    int hidden = (int) (c2 * e);
    int y = b.conv(join(name, "cv1"), x, hidden, k1, 1);
    y = b.conv(join(name, "cv2"), y, c2, k2, 1);
    return shortcut && b.channels(x) == c2 ? b.add(x, y) : y;
  }

  /** Ultralytics C3k(c1, c2, n, shortcut, e=0.5, k): C3 with k×k bottlenecks. */
  static int c3k(NetworkBuilder b, String name, int x, int c2, int n, boolean shortcut, double e, int k) {
    int hidden = (int) (c2 * e);
    int a = b.conv(join(name, "cv1"), x, hidden, 1, 1);
    for (int i = 0; i < n; i++) a = bottleneck(b, join(name, "m." + i), a, hidden, shortcut, k, k, 1.0);
    int c = b.conv(join(name, "cv2"), x, hidden, 1, 1);
    return b.conv(join(name, "cv3"), b.concat(List.of(a, c)), c2, 1, 1);
  }

  /**
   * The C2f pattern: cv1 to 2c channels, split in two, a chain of inner units on the second
   * half, every intermediate concatenated, cv2 to c2.
   */
  static int cspChain(NetworkBuilder b, String name, int x, int c, int c2, int n, InnerUnit unit) {
    int y = b.conv(join(name, "cv1"), x, 2 * c, 1, 1);
    List<Integer> parts = new ArrayList<>(List.of(b.slice(y, 0, c), b.slice(y, c, 2 * c)));
    int last = parts.get(1);
    for (int i = 0; i < n; i++) {
      last = unit.apply(join(name, "m." + i), last);
      parts.add(last);
    }
    return b.conv(join(name, "cv2"), b.concat(parts), c2, 1, 1);
  }

  /** An inner unit of a CSP chain: (parameter name, input) → output of the same channels. */
  interface InnerUnit {
    int apply(String name, int x);
  }

  /**
   * YOLO11 PSABlock: x + Attention(x), then x + FFN(x). Attention: qkv 1×1, multi-head
   * attention, plus a depthwise 3×3 positional encoding of v, then a 1×1 projection.
   */
  static int psaBlock(NetworkBuilder b, String name, int x, int c) {
    int heads = Math.max(1, c / 64);
    while (c % heads != 0) heads--;
    int headDim = c / heads;
    int keyDim = (int) (headDim * 0.5);
    int qkv = b.conv(join(name, "attn.qkv"), x, c + 2 * keyDim * heads, 1, 1, 1, Act.NONE);
    int attended = b.attention(qkv, heads, keyDim, headDim, false);
    int values = b.attention(qkv, heads, keyDim, headDim, true);
    int pe = b.conv(join(name, "attn.pe"), values, c, 3, 1, c, Act.NONE);
    int proj = b.conv(join(name, "attn.proj"), b.add(attended, pe), c, 1, 1, 1, Act.NONE);
    int y = b.add(x, proj);
    int f = b.conv(join(name, "ffn.0"), y, 2 * c, 1, 1);
    f = b.conv(join(name, "ffn.1"), f, c, 1, 1, 1, Act.NONE);
    return b.add(y, f);
  }

  /**
   * FasterNet block: PConv (a 3×3 convolution on the first {@code partial} of the channels, the
   * rest passed through), a 1×1 expansion with BN and activation, a 1×1 projection with BN, and
   * the residual.
   */
  static int fasterBlock(NetworkBuilder b, String name, int x, double partial, int hidden, Act act) {
    int c = b.channels(x);
    int pc = Math.max(1, Math.min(c - 1, (int) Math.round(c * partial)));
    int conv = b.convPlain(join(name, "pconv"), b.slice(x, 0, pc), pc, 3);
    int mixed = b.concat(List.of(conv, b.slice(x, pc, c)));
    int h = b.conv(join(name, "mlp.0"), mixed, hidden, 1, 1, 1, act);
    h = b.conv(join(name, "mlp.1"), h, c, 1, 1, 1, Act.NONE);
    return b.add(x, h);
  }

  /**
   * GhostNetV3 module: a re-parameterisable 1×1 primary convolution to ceil(out/2) channels (its
   * branches are k×k convs; no identity branch, so that pruning cannot change the structure) and a
   * re-parameterisable depthwise 3×3 cheap operation with its identity branch producing as many
   * again; concatenated and cut to {@code out} channels.
   */
  static int ghostModule(NetworkBuilder b, String name, int x, int out, Act act) {
    int init = (out + 1) / 2;
    int primary = b.repConv(join(name, "primary"), x, init, 1, 1, 1, 3, false, act);
    int cheap = b.repConv(join(name, "cheap"), primary, init, 3, 1, init, 3, true, act);
    int both = b.concat(List.of(primary, cheap));
    return 2 * init == out ? both : b.slice(both, 0, out);
  }

  /** Squeeze-and-excitation: global pooling, 1×1 reduce (ReLU), 1×1 expand (sigmoid), rescale. */
  static int squeezeExcite(NetworkBuilder b, String name, int x, int reduction) {
    int c = b.channels(x);
    int s = b.globalAvgPool(x);
    s = b.convBias(join(name, "fc1"), s, Math.max(8, c / reduction), 1, 1, Act.RELU);
    s = b.convBias(join(name, "fc2"), s, c, 1, 1, Act.SIGMOID);
    return b.mul(x, s);
  }
}
