package org.edgenas.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockArgs;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Layer;
import org.junit.jupiter.api.Test;

/** Known-answer parameter and FLOP counts of single blocks, computed by hand in each test. */
class BlockCostTest {
  /** A stem Conv(3→16, s2) to 32×32, the block under test, then a head so the architecture is valid. */
  static LayerCost cost(BlockKind kind, int channels, Map<String, Object> args) {
    Layer stem = new Layer("stem", BlockKind.CONV, List.of("images"), 16, 1, new BlockArgs(Map.of("k", 3, "s", 2)), 0, 32, 0);
    Layer block = new Layer("b", kind, List.of("stem"), channels, 1, new BlockArgs(args), 0, 32, 0);
    Layer p4 = new Layer("p4", BlockKind.CONV, List.of("b"), 16, 1, new BlockArgs(Map.of("k", 3, "s", 2)), 0, 32, 0);
    Layer p5 = new Layer("p5", BlockKind.CONV, List.of("p4"), 16, 1, new BlockArgs(Map.of("k", 3, "s", 2)), 0, 32, 0);
    boolean strided = kind == BlockKind.ADOWN || Integer.valueOf(2).equals(args.get("s"));
    int s = strided ? 4 : 2;
    Layer detect = new Layer("detect", BlockKind.DETECT, List.of("b", "p4", "p5"), 0, 1,
        new BlockArgs(Map.of("strides", List.of(s, 2 * s, 4 * s))), 0, 32, 0);
    int size = kind == BlockKind.ADOWN ? 256 : 128;
    Architecture arch = new Architecture("t", 2, size, List.of(stem, block, p4, p5, detect), Map.of());
    return CostModel.of(arch, size).layers().get(1);
  }

  @Test
  void adownHasTwoAndAHalfC1C2PlusBatchNorm() {
    LayerCost c = cost(BlockKind.ADOWN, 32, Map.of());
    // cv1: Conv(8→16, 3×3) = 16·8·9 + 2·16 = 1184; cv2: Conv(8→16, 1×1) = 128 + 32 = 160
    assertEquals(2.5 * 16 * 32 + 2 * 32, c.cost().params());
    assertEquals(1184 + 160, c.cost().params());
  }

  @Test
  void squeezeExcitationCountsTwoBiasedFullyConnectedLayers() {
    LayerCost c = cost(BlockKind.SE, 0, Map.of("r", 4));
    // fc1: 16→max(8, 16/4)=8 with bias = 128 + 8; fc2: 8→16 with bias = 128 + 16; GAP 16·64·64 adds
    assertEquals(136 + 144, c.cost().params());
    assertEquals(16L * 64 * 64 + 8 * 16 + 16 * 8, c.cost().macs());
  }

  @Test
  void depthwiseSeparableConvIsDepthwisePlusPointwise() {
    LayerCost c = cost(BlockKind.DSCONV, 32, Map.of("s", 2));
    // dw: 16·1·9 + 2·16 = 176; pw: 32·16 + 2·32 = 576
    assertEquals(176 + 576, c.cost().params());
    assertEquals(176 - 32 + 16 + 576 - 64 + 32, c.cost().paramsFused());
    // output 32×32: dw MACs 16·32·32·9, BN 4·16·32·32; pw MACs 32·32·32·16, BN 4·32·32·32
    assertEquals(16L * 1024 * 9 + 4 * 16 * 1024 + 32L * 1024 * 16 + 4 * 32 * 1024, c.cost().macs());
  }

  @Test
  void ghostNetV3CountsTrainingBranchesAndFoldsThemForInference() {
    LayerCost c = cost(BlockKind.GHOST_V3, 16, Map.of("e", 1.0));
    // hidden = max(8, round(16·1/8)·8) = 16; ghost1: primary RepConv 16→8 1×1 ×3 branches (no scale branch at k=1,
    // no identity since 16≠8): 3·(8·16 + 16) = 432, fused 8·16+8 = 136; cheap RepConv dw 3×3 8→8 groups 8:
    // 3·(8·9 + 16) + scale (8 + 16) + identity 16 = 264 + 24 + 16 = 304, fused 8·9+8 = 80.
    // ghost2 (out 16): the same numbers with input 16 → identical. Shortcut: identity (s=1, 16→16).
    assertEquals(2 * (432 + 304), c.cost().params());
    assertEquals(2 * (136 + 80), c.cost().paramsFused());
  }

  @Test
  void shuffleUnitStrideTwoHasTwoBranches() {
    LayerCost c = cost(BlockKind.SHUFFLE_V2, 32, Map.of("s", 2));
    // b1: dw 16 3×3 (144+32) + pw 16→16 (256+32); b2: pw1 16→16 (288) + dw 16 (176) + pw2 16→16 (288)
    assertEquals(176 + 288 + 288 + 176 + 288, c.cost().params());
  }

  @Test
  void fasterNetBlockConvolvesOnlyAQuarterOfTheChannels() {
    LayerCost c = cost(BlockKind.FASTER, 16, Map.of("e", 2.0));
    // no embedding (16→16, s1); PConv 4→4 3×3 no bias/BN = 144; mlp.0 16→32 +BN = 512+64; mlp.1 32→16 +BN = 512+32
    assertEquals(144 + 576 + 544, c.cost().params());
  }
}
