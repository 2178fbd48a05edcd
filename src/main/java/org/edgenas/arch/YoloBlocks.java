package org.edgenas.arch;

import static org.edgenas.arch.ArgSpec.ofBool;
import static org.edgenas.arch.ArgSpec.ofDouble;
import static org.edgenas.arch.ArgSpec.ofInt;
import static org.edgenas.arch.ArgSpec.ofWord;
import static org.edgenas.arch.BlockType.Channels.REQUIRED;
import static org.edgenas.arch.BlockType.Channels.SAME_AS_INPUT;

import java.util.List;

/**
 * The Ultralytics blocks: Conv, DWConv, Bottleneck, C2f, C3, C3k, C3k2, SPPF, C2PSA, with the
 * channel arithmetic of their modules (see reference/ULTRALYTICS-ARCHS.md).
 */
final class YoloBlocks {
  private YoloBlocks() {}

  private static final ArgSpec ACT = ofWord("act", "silu", "silu", "relu", "none");

  static List<BlockType> all() {
    return List.of(
        BlockDef.single(BlockKind.CONV, REQUIRED, true, YoloBlocks::conv,
            ofInt("k", 1, 1, 7), ofInt("s", 1, 1, 4), ACT),
        BlockDef.single(BlockKind.DWCONV, REQUIRED, true, YoloBlocks::dwconv,
            ofInt("k", 3, 1, 7), ofInt("s", 1, 1, 4), ACT),
        BlockDef.single(BlockKind.BOTTLENECK, REQUIRED, true, YoloBlocks::bottleneck,
            ofBool("shortcut", true), ofDouble("e", 0.5, 0.0625, 4), ofInt("k", 3, 1, 7)),
        BlockDef.single(BlockKind.C2F, REQUIRED, true, YoloBlocks::c2f,
            ofBool("shortcut", false), ofDouble("e", 0.5, 0.0625, 4)),
        BlockDef.single(BlockKind.C3, REQUIRED, true, ctx -> c3(ctx, 1),
            ofBool("shortcut", true), ofDouble("e", 0.5, 0.0625, 4)),
        BlockDef.single(BlockKind.C3K, REQUIRED, true, ctx -> c3(ctx, ctx.intArg("k")),
            ofBool("shortcut", true), ofDouble("e", 0.5, 0.0625, 4), ofInt("k", 3, 1, 7)),
        BlockDef.single(BlockKind.C3K2, REQUIRED, true, YoloBlocks::c3k2,
            ofBool("c3k", false), ofDouble("e", 0.5, 0.0625, 4), ofBool("shortcut", true)),
        BlockDef.single(BlockKind.SPPF, REQUIRED, false, YoloBlocks::sppf, ofInt("k", 5, 3, 13)),
        BlockDef.single(BlockKind.C2PSA, SAME_AS_INPUT, true, YoloBlocks::c2psa,
            ofDouble("e", 0.5, 0.0625, 1)));
  }

  private static int conv(BlockContext ctx) {
    int x = ctx.x();
    for (int i = 0; i < ctx.n(); i++) {
      x = ctx.b().conv(ctx.unit(i), x, ctx.b().pruned(ctx.c2()), ctx.intArg("k"),
          i == 0 ? ctx.intArg("s") : 1, 1, ctx.act());
    }
    return x;
  }

  private static int dwconv(BlockContext ctx) {
    int x = ctx.x();
    for (int i = 0; i < ctx.n(); i++) {
      int cin = ctx.b().channels(x);
      boolean depthwise = ctx.b().nominalChannels(x) == ctx.c2();
      int c2 = depthwise ? cin : ctx.b().pruned(ctx.c2());
      x = ctx.b().conv(ctx.unit(i), x, c2, ctx.intArg("k"), i == 0 ? ctx.intArg("s") : 1,
          depthwise ? cin : gcd(cin, c2), ctx.act());
    }
    return x;
  }

  static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static int bottleneck(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int x = ctx.x();
    int k = ctx.intArg("k");
    for (int i = 0; i < ctx.n(); i++) {
      int hidden = b.pruned((int) (ctx.c2() * ctx.doubleArg("e")));
      String u = ctx.unit(i);
      boolean residual = ctx.boolArg("shortcut") && b.nominalChannels(x) == ctx.c2();
      int y = b.conv(Units.join(u, "cv1"), x, hidden, k, 1);
      y = b.conv(Units.join(u, "cv2"), y, residual ? b.channels(x) : ctx.c2(), k, 1);
      x = residual ? b.add(x, y) : y;
    }
    return x;
  }

  private static int c2f(BlockContext ctx) {
    int c = ctx.b().pruned((int) (ctx.c2() * ctx.doubleArg("e")));
    boolean shortcut = ctx.boolArg("shortcut");
    return Units.cspChain(ctx.b(), "", ctx.x(), c, ctx.c2(), ctx.n(),
        (name, x) -> Units.bottleneck(ctx.b(), name, x, c, shortcut, 3, 3, 1.0));
  }

  private static int c3(BlockContext ctx, int k) {
    NetworkBuilder b = ctx.b();
    int hidden = b.pruned((int) (ctx.c2() * ctx.doubleArg("e")));
    int first = k == 1 ? 1 : k;
    int a = b.conv("cv1", ctx.x(), hidden, 1, 1);
    for (int i = 0; i < ctx.n(); i++) {
      a = Units.bottleneck(b, "m." + i, a, hidden, ctx.boolArg("shortcut"), first, k == 1 ? 3 : k, 1.0);
    }
    int c = b.conv("cv2", ctx.x(), hidden, 1, 1);
    return b.conv("cv3", b.concat(List.of(a, c)), ctx.c2(), 1, 1);
  }

  private static int c3k2(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c = b.pruned((int) (ctx.c2() * ctx.doubleArg("e")));
    boolean shortcut = ctx.boolArg("shortcut");
    boolean useC3k = ctx.boolArg("c3k");
    return Units.cspChain(b, "", ctx.x(), c, ctx.c2(), ctx.n(),
        (name, x) -> useC3k
            ? Units.c3k(b, name, x, c, 2, shortcut, 0.5, 3)
            : Units.bottleneck(b, name, x, c, shortcut, 3, 3, 0.5));
  }

  private static int sppf(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int k = ctx.intArg("k");
    int y = b.conv("cv1", ctx.x(), b.pruned(ctx.cin() / 2), 1, 1);
    int p1 = b.maxPool(y, k, 1, k / 2);
    int p2 = b.maxPool(p1, k, 1, k / 2);
    int p3 = b.maxPool(p2, k, 1, k / 2);
    return b.conv("cv2", b.concat(List.of(y, p1, p2, p3)), ctx.c2(), 1, 1);
  }

  private static int c2psa(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c1 = ctx.cin();
    int c = (int) (b.nominalChannels(ctx.x()) * ctx.doubleArg("e"));
    if (c < 64) {
      throw new IllegalArgumentException("C2PSA needs at least 128 input channels (hidden " + c + " < 64), was " + c1);
    }
    int y = b.conv("cv1", ctx.x(), 2 * c, 1, 1);
    int a = b.slice(y, 0, c);
    int t = b.slice(y, c, 2 * c);
    for (int i = 0; i < ctx.n(); i++) t = Units.psaBlock(b, "m." + i, t, c);
    return b.conv("cv2", b.concat(List.of(a, t)), c1, 1, 1);
  }
}
