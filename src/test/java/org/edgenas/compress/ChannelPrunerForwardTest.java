package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/**
 * Structural correctness of the index bookkeeping: when the channels a pruning drops are exactly
 * zero in the parent, the pruned network computes exactly the parent's kept channels.
 */
class ChannelPrunerForwardTest {
  @Test
  void prunedNetworkReproducesTheParentWhoseDroppedChannelsAreZero() {
    List<String> ran = new ArrayList<>();
    for (TinyNets c : TinyNets.everyBlockKind()) {
      Network parent = c.arch().lower();
      if (!PlainForward.supports(parent)) continue;
      assertReproducesKept(parent, c.pruned(0.5).lower(), c.label());
      ran.add(c.label());
    }
    assertTrue(ran.containsAll(List.of("Conv", "C2f", "C3k2", "SPPF", "ADown", "DSConv", "ShuffleV2-split", "CSPPC",
        "Upsample+Concat+Detect-yolov8", "FasterNet")), "ran " + ran);
  }

  /**
   * Prunes trained-like weights of {@code parent} to {@code pruned}, zeroes the dropped channels in
   * the parent and prunes again: every convolution and Detect input of the pruned network must then
   * equal the parent's kept channels exactly.
   */
  static void assertReproducesKept(Network parent, Network pruned, String label) {
    Weights w = TinyNets.trainedLike(parent, 21);
    PrunedWeights first = ChannelPruner.prune(parent, w, pruned, Importance.L1_BN_SCALED);
    Weights zeroed = zeroDropped(parent, w, first.keptChannels());
    PrunedWeights p = ChannelPruner.prune(parent, zeroed, pruned, Importance.L1_BN_SCALED);

    double[] image = new SplittableRandom(3).doubles(3L * TinyNets.IMGSZ * TinyNets.IMGSZ, -1, 1).toArray();
    double[][] big = PlainForward.run(parent, zeroed, image);
    double[][] small = PlainForward.run(pruned, p.weights(), image);
    for (Op.Conv conv : PlainForward.convs(parent)) {
      int plane = parent.shape(conv.output()).h() * parent.shape(conv.output()).w();
      int[] kept = p.kept(conv.name());
      assertEquals(pruned.shape(conv.output()).c(), kept.length, label + " " + conv.name());
      assertArrayEquals(PlainForward.channels(big[conv.output()], plane, kept), small[conv.output()], 0.0,
          label + ": " + conv.name() + " differs");
    }
    Op.Detect detect = (Op.Detect) parent.ops().getLast();
    for (int head : detect.inputs()) assertArrayEquals(big[head], small[head], 0.0, label + " Detect input " + head);
  }

  /** The parent with every dropped output channel of every convolution computing exactly 0. */
  static Weights zeroDropped(Network net, Weights w, Map<String, int[]> kept) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (Op op : net.ops()) {
      if (!(op instanceof Op.Conv c)) continue;
      boolean[] keep = new boolean[c.cout()];
      for (int k : kept.get(c.name())) keep[k] = true;
      float[] weight = w.get(c.name() + ".weight").clone();
      int per = weight.length / c.cout();
      List<String> perChannel = new ArrayList<>();
      if (c.bias()) perChannel.add(c.name() + ".bias");
      if (c.bn()) perChannel.addAll(List.of(c.name() + ".bn.bias", c.name() + ".bn.mean"));
      Map<String, float[]> copies = new LinkedHashMap<>();
      for (String name : perChannel) copies.put(name, w.get(name).clone());
      for (int o = 0; o < c.cout(); o++) {
        if (keep[o]) continue;
        Arrays.fill(weight, o * per, (o + 1) * per, 0f);
        for (float[] v : copies.values()) v[o] = 0f;
      }
      m.put(c.name() + ".weight", weight);
      m.putAll(copies);
    }
    return w.with(m);
  }
}
