package org.edgenas.arch;

import static org.edgenas.arch.ArgSpec.ofBool;
import static org.edgenas.arch.ArgSpec.ofDouble;
import static org.edgenas.arch.ArgSpec.ofInt;
import static org.edgenas.arch.ArgSpec.ofWord;
import static org.edgenas.arch.BlockType.Channels.REQUIRED;
import static org.edgenas.arch.BlockType.Channels.SAME_AS_INPUT;

import java.util.List;

/**
 * The lightweighting blocks: ADown (YOLOv9), MobileNetV1 depthwise-separable conv, ShuffleNetV2
 * unit, GhostNetV3 bottleneck, FasterNet stage, CSPPC and SE.
 */
final class LightBlocks {
  private LightBlocks() {}

  private static final ArgSpec RELU_DEFAULT = ofWord("act", "relu", "relu", "silu");

  static List<BlockType> all() {
    return List.of(
        BlockDef.single(BlockKind.ADOWN, REQUIRED, false, LightBlocks::adown),
        BlockDef.single(BlockKind.DSCONV, REQUIRED, true, LightBlocks::dsconv,
            ofInt("k", 3, 3, 7), ofInt("s", 1, 1, 2), RELU_DEFAULT),
        BlockDef.single(BlockKind.SHUFFLE_V2, REQUIRED, true, LightBlocks::shuffle,
            ofInt("s", 1, 1, 2), RELU_DEFAULT),
        BlockDef.single(BlockKind.GHOST_V3, REQUIRED, true, LightBlocks::ghost,
            ofInt("s", 1, 1, 2), ofDouble("e", 2.0, 0.5, 6), ofBool("se", false), RELU_DEFAULT),
        BlockDef.single(BlockKind.FASTER, REQUIRED, true, LightBlocks::faster,
            ofInt("s", 1, 1, 2), ofDouble("e", 2.0, 0.5, 4), ofDouble("partial", 0.25, 0.125, 0.5), RELU_DEFAULT),
        BlockDef.single(BlockKind.CSPPC, REQUIRED, true, LightBlocks::csppc,
            ofDouble("e", 0.5, 0.125, 1), ofDouble("expand", 2.0, 0.5, 4), ofDouble("partial", 0.25, 0.125, 0.5)),
        BlockDef.single(BlockKind.SE, SAME_AS_INPUT, false,
            ctx -> Units.squeezeExcite(ctx.b(), "", ctx.x(), ctx.intArg("r")), ofInt("r", 4, 2, 32)));
  }

  /** ADown: 2×2 average pool (stride 1), split; a strided 3×3 conv on one half, a max-pool + 1×1 on the other. */
  private static int adown(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c1 = ctx.cin();
    if (c1 % 2 != 0) throw new IllegalArgumentException("ADown needs an even number of input channels, was " + c1);
    int c = b.pruned(ctx.c2() / 2);
    int x = b.avgPool(ctx.x(), 2, 1, 0);
    int x1 = b.conv("cv1", b.slice(x, 0, c1 / 2), c, 3, 2);
    int x2 = b.conv("cv2", b.maxPool(b.slice(x, c1 / 2, c1), 3, 2, 1), c, 1, 1);
    return b.concat(List.of(x1, x2));
  }

  /** MobileNetV1 depthwise-separable conv: depthwise k×k (stride s) + pointwise 1×1, each with BN and activation. */
  private static int dsconv(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int x = ctx.x();
    for (int i = 0; i < ctx.n(); i++) {
      String u = ctx.unit(i);
      int cin = b.channels(x);
      x = b.conv(Units.join(u, "dw"), x, cin, ctx.intArg("k"), i == 0 ? ctx.intArg("s") : 1, cin, ctx.act());
      x = b.conv(Units.join(u, "pw"), x, b.pruned(ctx.c2()), 1, 1, 1, ctx.act());
    }
    return x;
  }

  /**
   * ShuffleNetV2 unit. Stride 1 with equal (nominal) channels: split in halves, transform one (1×1, depthwise
   * 3×3, 1×1), concatenate, shuffle. Otherwise (stride 2, or a change of width): both branches
   * transform the whole input to half the output each.
   */
  private static int shuffle(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c2 = ctx.c2();
    if (c2 % 2 != 0) throw new IllegalArgumentException("ShuffleV2 needs even channels, was " + c2);
    int half = c2 / 2;
    int mid = b.pruned(half);
    Act act = ctx.act();
    int x = ctx.x();
    for (int i = 0; i < ctx.n(); i++) {
      String u = ctx.unit(i);
      int s = i == 0 ? ctx.intArg("s") : 1;
      int cin = b.channels(x);
      int left;
      int right;
      int out = half;
      if (s == 1 && b.nominalChannels(x) == c2) {
        out = cin / 2;
        left = b.slice(x, 0, out);
        right = b.slice(x, out, cin);
      } else {
        left = b.conv(Units.join(u, "b1.dw"), x, cin, 3, s, cin, Act.NONE);
        left = b.conv(Units.join(u, "b1.pw"), left, half, 1, 1, 1, act);
        right = x;
      }
      int r = b.conv(Units.join(u, "b2.pw1"), right, mid, 1, 1, 1, act);
      r = b.conv(Units.join(u, "b2.dw"), r, mid, 3, s, mid, Act.NONE);
      r = b.conv(Units.join(u, "b2.pw2"), r, out, 1, 1, 1, act);
      x = b.shuffle(b.concat(List.of(left, r)), 2);
    }
    return x;
  }

  /**
   * GhostNetV3 bottleneck: Ghost module (expansion), a re-parameterisable depthwise 3×3 at stride
   * 2, optional SE, Ghost module (projection, no activation), and the shortcut (identity, or
   * depthwise 3×3 + 1×1 when the shape changes).
   */
  private static int ghost(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c2 = ctx.c2();
    int hidden = b.pruned(Math.max(8, (int) Math.round(c2 * ctx.doubleArg("e") / 8) * 8));
    int x = ctx.x();
    for (int i = 0; i < ctx.n(); i++) {
      String u = ctx.unit(i);
      int s = i == 0 ? ctx.intArg("s") : 1;
      int cin = b.channels(x);
      boolean identity = s == 1 && b.nominalChannels(x) == c2;
      int h = Units.ghostModule(b, Units.join(u, "ghost1"), x, hidden, ctx.act());
      if (s == 2) h = b.repConv(Units.join(u, "dw"), h, b.channels(h), 3, 2, b.channels(h), 3, false, Act.NONE);
      if (ctx.boolArg("se")) h = Units.squeezeExcite(b, Units.join(u, "se"), h, 4);
      h = Units.ghostModule(b, Units.join(u, "ghost2"), h, identity ? cin : c2, Act.NONE);
      int shortcut = x;
      if (!identity) {
        shortcut = b.conv(Units.join(u, "short.dw"), x, cin, 3, s, cin, Act.NONE);
        shortcut = b.conv(Units.join(u, "short.pw"), shortcut, c2, 1, 1, 1, Act.NONE);
      }
      x = b.add(h, shortcut);
    }
    return x;
  }

  /** FasterNet stage: a 3×3 embedding conv when the stride or width changes, then n FasterNet blocks. */
  private static int faster(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int x = ctx.x();
    int s = ctx.intArg("s");
    if (s != 1 || b.nominalChannels(x) != ctx.c2()) x = b.conv("embed", x, ctx.c2(), s == 1 ? 1 : 3, s);
    int hidden = b.pruned((int) (ctx.c2() * ctx.doubleArg("e")));
    for (int i = 0; i < ctx.n(); i++) {
      x = Units.fasterBlock(b, "m." + i, x, ctx.doubleArg("partial"), hidden, ctx.act());
    }
    return x;
  }

  /** CSPPC: the C2f pattern with FasterNet (PConv) blocks as inner units. */
  private static int csppc(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int c = b.pruned((int) (ctx.c2() * ctx.doubleArg("e")));
    int hidden = (int) (c * ctx.doubleArg("expand"));
    double partial = ctx.doubleArg("partial");
    return Units.cspChain(b, "", ctx.x(), c, ctx.c2(), ctx.n(),
        (name, x) -> Units.fasterBlock(b, name, x, partial, hidden, Act.SILU));
  }
}
