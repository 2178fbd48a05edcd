package org.edgenas.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Act;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/** Small exported networks run in ONNX Runtime against values worked out by hand or in plain Java. */
class KnownAnswerTest {
  private static final ExportOptions FLOAT = ExportOptions.defaults();

  private static float[] run(Network net, Map<String, float[]> weights, float[] input) {
    var in = net.shape(net.input());
    return OrtRun.run(OnnxExporter.export(net, new Weights(weights), FLOAT), input, 1, in.c(), in.h(), in.w()).values();
  }

  @Test
  void singleConvolutionWithZeroPaddingAndBias() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(1, 3, 3);
    int y = h.tensor(1, 3, 3);
    Network net = h.op(new Op.Conv(0, "c", x, y, 1, 1, 3, 1, 1, true, false, Act.NONE)).build(32);
    float[] laplace = {0, 1, 0, 1, -4, 1, 0, 1, 0};
    float[] out = run(net, Map.of("c.weight", laplace, "c.bias", new float[] {0.5f}), new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    // up + down + left + right − 4·centre + 0.5, zero outside the 3×3 grid
    assertArrayEquals(new float[] {2.5f, 1.5f, -3.5f, -2.5f, 0.5f, -6.5f, -15.5f, -10.5f, -21.5f}, out, 1e-6f);
  }

  @Test
  void batchNormFoldOfAOneByOneConvolution() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(1, 1, 1);
    int y = h.tensor(1, 1, 1);
    Network net = h.op(new Op.Conv(0, "c", x, y, 1, 1, 1, 1, 1, false, true, Act.NONE)).build(32);
    Map<String, float[]> w = Map.of("c.weight", new float[] {2}, "c.bn.weight", new float[] {2}, "c.bn.bias", new float[] {1},
        "c.bn.mean", new float[] {4}, "c.bn.var", new float[] {3});
    // conv: 2·3 = 6; BN: 2·(6 − 4)/√(3 + 0.001) + 1 = 3.3090...
    assertEquals(2 * (6 - 4) / Math.sqrt(3.001) + 1, run(net, w, new float[] {3})[0], 1e-6);
  }

  @Test
  void foldedBatchNormEqualsConvThenBatchNormInPlainJava() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(2, 5, 5);
    int y = h.tensor(3, 3, 3);
    Network net = h.op(new Op.Conv(0, "c", x, y, 2, 3, 3, 2, 1, false, true, Act.NONE)).build(32);
    Map<String, float[]> w = new HashMap<>();
    w.put("c.weight", HandNetworks.values(54, i -> (i * 37 % 23) * 20 - 220));
    float[] gamma = {0.5f, 1.5f, -1f}, beta = {0.1f, -0.2f, 0.3f}, mean = {0.2f, -0.4f, 1f}, var = {0.25f, 2f, 0.01f};
    w.putAll(Map.of("c.bn.weight", gamma, "c.bn.bias", beta, "c.bn.mean", mean, "c.bn.var", var));
    float[] input = HandNetworks.values(50, i -> (i * 17 % 11) * 100 - 500);
    float[] expected = HandNetworks.batchNorm(HandNetworks.conv(input, 2, 5, 5, w.get("c.weight"), new float[3], 3, 3, 2, 1),
        3, gamma, beta, mean, var, Weights.BN_EPS);
    assertArrayEquals(expected, run(net, w, input), 1e-5f);
  }

  @Test
  void reparameterisedGhostNetV3ConvEqualsTheSumOfItsBranches() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(2, 4, 4);
    int y = h.tensor(2, 4, 4);
    // depthwise 3×3, three k×k branches, a 1×1 scale branch and the identity BN
    Network net = h.op(new Op.RepConv(0, "g", x, y, 2, 2, 3, 1, 2, 3, true, true, Act.NONE)).build(32);
    Map<String, float[]> w = new HashMap<>();
    for (int b = 0; b < 3; b++) {
      int seed = b + 1;
      w.put("g.rep." + b + ".weight", HandNetworks.values(18, i -> ((i + 3) * seed * 29 % 19) * 30 - 270));
      putBatchNorm(w, "g.rep." + b + ".bn", seed);
    }
    w.put("g.scale.weight", new float[] {0.7f, -1.3f});
    putBatchNorm(w, "g.scale.bn", 5);
    putBatchNorm(w, "g.skip.bn", 6);
    float[] input = HandNetworks.values(32, i -> (i * 13 % 7) * 150 - 400);
    float[] sum = new float[32];
    for (int b = 0; b < 3; b++) {
      add(sum, bn(w, "g.rep." + b + ".bn", HandNetworks.conv(input, 2, 4, 4, w.get("g.rep." + b + ".weight"), new float[2], 2, 3, 1, 2)));
    }
    add(sum, bn(w, "g.scale.bn", HandNetworks.conv(input, 2, 4, 4, w.get("g.scale.weight"), new float[2], 2, 1, 1, 2)));
    add(sum, bn(w, "g.skip.bn", input));
    assertArrayEquals(sum, run(net, w, input), 1e-5f);
  }

  private static void putBatchNorm(Map<String, float[]> w, String prefix, int seed) {
    w.put(prefix + ".weight", new float[] {0.5f + seed * 0.1f, 1.2f - seed * 0.05f});
    w.put(prefix + ".bias", new float[] {0.05f * seed, -0.1f});
    w.put(prefix + ".mean", new float[] {0.1f, -0.03f * seed});
    w.put(prefix + ".var", new float[] {0.5f + seed * 0.2f, 1.5f});
  }

  private static float[] bn(Map<String, float[]> w, String prefix, float[] y) {
    return HandNetworks.batchNorm(y, 2, w.get(prefix + ".weight"), w.get(prefix + ".bias"), w.get(prefix + ".mean"),
        w.get(prefix + ".var"), Weights.BN_EPS);
  }

  private static void add(float[] sum, float[] term) {
    for (int i = 0; i < sum.length; i++) sum[i] += term[i];
  }

  @Test
  void dflDecodeOfAHandMadeDistribution() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(65, 2, 2);
    int box = h.tensor(64, 2, 2);
    int cls = h.tensor(1, 2, 2);
    int out = h.tensor(5, 1, 4);
    Network net = h.op(new Op.Slice(0, x, box, 0, 64)).op(new Op.Slice(0, x, cls, 64, 65))
        .op(new Op.Detect(0, "d", List.of(box, cls), out, 1, 16, List.of(8))).build(16);
    // every anchor: side l has equal mass on bins 2 and 4 (expectation 3), t all on 1, r on 2, b on 5
    int[][] bins = {{2, 4}, {1}, {2}, {5}};
    float[] input = new float[65 * 4];
    java.util.Arrays.fill(input, 0, 64 * 4, -100f);
    for (int side = 0; side < 4; side++) {
      for (int bin : bins[side]) for (int a = 0; a < 4; a++) input[(side * 16 + bin) * 4 + a] = 0;
    }
    float[] got = run(net, Map.of("d.dfl.weight", HandNetworks.values(16, i -> i * 1000)), input);
    // anchors (0.5,0.5) (1.5,0.5) (0.5,1.5) (1.5,1.5); box x1 = ax−3, x2 = ax+2, y1 = ay−1, y2 = ay+5;
    // cx = ax − 0.5, cy = ay + 2, w = 5, h = 6, all ×8; score sigmoid(0) = 0.5
    float[] expected = {0, 8, 0, 8, 20, 20, 28, 28, 40, 40, 40, 40, 48, 48, 48, 48, 0.5f, 0.5f, 0.5f, 0.5f};
    assertArrayEquals(expected, got, 1e-4f);
  }

  @Test
  void channelShuffleInterleavesTheTwoHalves() {
    HandNetworks h = new HandNetworks();
    int x = h.tensor(4, 1, 1);
    int y = h.tensor(4, 1, 1);
    Network net = h.op(new Op.Shuffle(0, x, y, 2)).build(32);
    // output channel i = input channel (i % 2)·2 + i / 2
    assertArrayEquals(new float[] {10, 30, 20, 40}, run(net, Map.of(), new float[] {10, 20, 30, 40}));
  }
}
