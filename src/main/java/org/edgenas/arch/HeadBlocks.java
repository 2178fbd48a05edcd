package org.edgenas.arch;

import static org.edgenas.arch.ArgSpec.ofInt;
import static org.edgenas.arch.ArgSpec.ofIntList;
import static org.edgenas.arch.ArgSpec.ofWord;
import static org.edgenas.arch.BlockType.Channels.DERIVED;
import static org.edgenas.arch.BlockType.Channels.REQUIRED;
import static org.edgenas.arch.BlockType.Channels.SAME_AS_INPUT;

import java.util.ArrayList;
import java.util.List;

/** Neck and head blocks: Upsample, Concat, the AFPN-style ASFF fusion node and Detect. */
final class HeadBlocks {
  private HeadBlocks() {}

  static final int REG_MAX = 16;

  static List<BlockType> all() {
    return List.of(
        BlockDef.single(BlockKind.UPSAMPLE, SAME_AS_INPUT, false,
            ctx -> ctx.b().upsample(ctx.x(), ctx.intArg("scale")), ofInt("scale", 2, 2, 8)),
        BlockDef.multi(BlockKind.CONCAT, DERIVED, HeadBlocks::concat),
        BlockDef.multi(BlockKind.ASFF, REQUIRED, HeadBlocks::asff, ofInt("level", 0, 0, 3)),
        BlockDef.multi(BlockKind.DETECT, DERIVED, HeadBlocks::detect,
            ofWord("flavour", "yolo11", "yolo11", "yolov8"), ofIntList("strides", List.of(8, 16, 32))));
  }

  private static int concat(BlockContext ctx) {
    int out = ctx.b().concat(ctx.inputs());
    if (ctx.c2() != 0 && ctx.b().channels(out) != ctx.c2()) {
      throw new IllegalArgumentException("Concat of " + ctx.layer().from() + " gives "
          + ctx.b().channels(out) + " channels, but channels says " + ctx.c2());
    }
    return out;
  }

  /**
   * Adaptive spatial fusion (ASFF, as in AFPN): every input is brought to the resolution and
   * channels of the target level (strided 3×3 convs down, 1×1 conv then nearest up-sampling up),
   * per-pixel level weights come from 1×1 convs and a softmax across levels, and the weighted sum
   * goes through a 3×3 conv.
   */
  private static int asff(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    int level = ctx.intArg("level");
    if (level >= ctx.inputs().size()) {
      throw new IllegalArgumentException("ASFF level must be 0.." + (ctx.inputs().size() - 1) + ", was " + level);
    }
    int c = ctx.c2();
    int targetH = b.shape(ctx.inputs().get(level)).h();
    List<Integer> aligned = new ArrayList<>();
    for (int i = 0; i < ctx.inputs().size(); i++) {
      int x = ctx.inputs().get(i);
      int h = b.shape(x).h();
      String name = "align." + i;
      if (h == targetH) {
        aligned.add(b.conv(name, x, c, 1, 1));
      } else if (h > targetH) {
        int steps = log2(h, targetH);
        for (int s = 0; s < steps; s++) x = b.conv(name + "." + s, x, c, 3, 2);
        aligned.add(x);
      } else {
        aligned.add(b.upsample(b.conv(name, x, c, 1, 1), 1 << log2(targetH, h)));
      }
    }
    List<Integer> weights = new ArrayList<>();
    for (int i = 0; i < aligned.size(); i++) weights.add(b.conv("weight." + i, aligned.get(i), 8, 1, 1));
    int levels = b.softmax(b.convBias("levels", b.concat(weights), aligned.size(), 1, 1, Act.NONE));
    int sum = -1;
    for (int i = 0; i < aligned.size(); i++) {
      int term = b.mul(aligned.get(i), b.slice(levels, i, i + 1));
      sum = sum < 0 ? term : b.add(sum, term);
    }
    return b.conv("fuse", sum, c, 3, 1);
  }

  private static int log2(int big, int small) {
    int ratio = big / small;
    if (ratio * small != big || Integer.bitCount(ratio) != 1) {
      throw new IllegalArgumentException("ASFF inputs must differ in resolution by powers of 2, got " + big + " vs " + small);
    }
    return Integer.numberOfTrailingZeros(ratio);
  }

  /**
   * Detect: per level a box branch (two 3×3 Conv, a 1×1 conv to 4·16 DFL bins) and a class
   * branch (YOLOv8: two 3×3 Conv; YOLO11: depthwise 3×3 + 1×1 twice; then a 1×1 conv to nc).
   */
  private static int detect(BlockContext ctx) {
    NetworkBuilder b = ctx.b();
    List<Integer> strides = ctx.intListArg("strides");
    if (strides.size() != ctx.inputs().size()) {
      throw new IllegalArgumentException("Detect has " + ctx.inputs().size() + " inputs but "
          + strides.size() + " strides " + strides);
    }
    int nc = ctx.nc();
    int ch0 = b.channels(ctx.x());
    int c2 = b.pruned(Math.max(Math.max(16, ch0 / 4), REG_MAX * 4));
    int c3 = b.pruned(Math.max(ch0, Math.min(nc, 100)));
    boolean yolo11 = ctx.wordArg("flavour").equals("yolo11");
    List<Integer> heads = new ArrayList<>();
    for (int i = 0; i < ctx.inputs().size(); i++) {
      int x = ctx.inputs().get(i);
      Shape s = b.shape(x);
      int stride = strides.get(i);
      if (ctx.imgsz() % stride != 0 || s.h() * stride != ctx.imgsz()) {
        throw new IllegalArgumentException("Detect input " + ctx.layer().from().get(i) + " has stride "
            + describeStride(ctx.imgsz(), s.h()) + ", expected " + stride);
      }
      int box = b.conv("cv2." + i + ".0", x, c2, 3, 1);
      box = b.conv("cv2." + i + ".1", box, c2, 3, 1);
      box = b.convBias("cv2." + i + ".2", box, 4 * REG_MAX, 1, 1, Act.NONE);
      int cls;
      if (yolo11) {
        int ch = s.c();
        cls = b.conv("cv3." + i + ".0.0", x, ch, 3, 1, ch, Act.SILU);
        cls = b.conv("cv3." + i + ".0.1", cls, c3, 1, 1);
        cls = b.conv("cv3." + i + ".1.0", cls, c3, 3, 1, c3, Act.SILU);
        cls = b.conv("cv3." + i + ".1.1", cls, c3, 1, 1);
      } else {
        cls = b.conv("cv3." + i + ".0", x, c3, 3, 1);
        cls = b.conv("cv3." + i + ".1", cls, c3, 3, 1);
      }
      cls = b.convBias("cv3." + i + ".2", cls, nc, 1, 1, Act.NONE);
      heads.add(box);
      heads.add(cls);
    }
    return b.detect("", heads, nc, REG_MAX, strides);
  }

  private static String describeStride(int imgsz, int h) {
    return imgsz % h == 0 ? String.valueOf(imgsz / h) : imgsz + "/" + h;
  }
}
