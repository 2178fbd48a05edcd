package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Act;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/**
 * Ties the block library does not produce today, on hand-built op lists: a residual whose group
 * is set by a pruned producer (the shape a lowering that lets identity paths follow the input
 * would make), a depthwise conv on it, and a shuffle whose halves are then added together.
 */
class HandBuiltTiesTest {
  /** A small op list; widths: a (residual group), b (bottleneck hidden), e (each shuffle half). */
  static Network build(int a, int b, int e) {
    List<Shape> shapes = new ArrayList<>(List.of(new Shape(3, 16, 16)));
    List<Op> ops = new ArrayList<>();
    int t1 = conv(ops, shapes, "A", 0, a, 3, 1);
    int t2 = conv(ops, shapes, "B", t1, b, 1, 1);
    int t3 = conv(ops, shapes, "C", t2, a, 3, 1);
    int t4 = add(ops, shapes, new Op.Add(0, t1, t3, shapes.size()));
    int t5 = conv(ops, shapes, "D", t4, a, 3, a);
    int t6 = conv(ops, shapes, "E", t5, e, 1, 1);
    int t7 = conv(ops, shapes, "G", t4, e, 1, 1);
    shapes.add(new Shape(2 * e, 16, 16));
    ops.add(new Op.Concat(0, List.of(t6, t7), shapes.size() - 1));
    shapes.add(new Shape(2 * e, 16, 16));
    ops.add(new Op.Shuffle(0, shapes.size() - 2, shapes.size() - 1, 2));
    int t10 = shapes.size() - 1;
    shapes.add(new Shape(e, 16, 16));
    ops.add(new Op.Slice(0, t10, shapes.size() - 1, 0, e));
    shapes.add(new Shape(e, 16, 16));
    ops.add(new Op.Slice(0, t10, shapes.size() - 1, e, 2 * e));
    int t13 = add(ops, shapes, new Op.Add(0, shapes.size() - 2, shapes.size() - 1, shapes.size()));
    int out = conv(ops, shapes, "F", t13, 5, 1, 1);
    return new Network(ChannelPrunerPlantedTest.NET, 64, ops, shapes, 0, out, List.of(out));
  }

  private static int conv(List<Op> ops, List<Shape> shapes, String name, int in, int cout, int k, int groups) {
    shapes.add(new Shape(cout, 16, 16));
    int out = shapes.size() - 1;
    ops.add(new Op.Conv(0, name, in, out, shapes.get(in).c(), cout, k, 1, groups, false, true, Act.SILU));
    return out;
  }

  private static int add(List<Op> ops, List<Shape> shapes, Op.Add op) {
    shapes.add(shapes.get(op.a()));
    ops.add(op);
    return op.output();
  }

  @Test
  void tiedGroupsPruneConsistentlyAndComputeTheParentsKeptChannels() {
    Network parent = build(8, 4, 8), pruned = build(4, 2, 4);
    Weights w = TinyNets.trainedLike(parent, 4);
    PrunedWeights first = ChannelPruner.prune(parent, w, pruned, Importance.L1_BN_SCALED);
    assertArrayEquals(first.kept("A"), first.kept("C"), "the residual ties A and C");
    assertArrayEquals(first.kept("A"), first.kept("D"), "the depthwise D follows its input");
    assertArrayEquals(first.kept("E"), first.kept("G"), "the shuffle ties its halves");
    int[] e = first.kept("E");
    assertEquals(4, e.length);
    for (int i = 0; i < 2; i++) assertEquals(e[i] + 4, e[i + 2], "the add of the shuffled halves ties E[i] and E[i+4]");

    Weights zeroed = ChannelPrunerForwardTest.zeroDropped(parent, w, first.keptChannels());
    PrunedWeights p = ChannelPruner.prune(parent, zeroed, pruned, Importance.L1_BN_SCALED);
    double[] image = new SplittableRandom(1).doubles(3 * 16 * 16, -1, 1).toArray();
    double[][] big = PlainForward.run(parent, zeroed, image);
    double[][] small = PlainForward.run(pruned, p.weights(), image);
    for (Op.Conv c : PlainForward.convs(parent)) {
      assertArrayEquals(PlainForward.channels(big[c.output()], 256, p.kept(c.name())), small[c.output()], 0.0, c.name());
    }
    assertArrayEquals(big[parent.output()], small[pruned.output()], 0.0);
  }

  @Test
  void widthsTheTiesCannotGiveAreRefusedWithTheTensor() {
    Network parent = build(8, 4, 8);
    Weights w = TinyNets.trainedLike(parent, 4);
    String m = assertThrows(IllegalArgumentException.class,
        () -> ChannelPruner.prune(parent, w, build(4, 2, 5), Importance.L1_BN_SCALED)).getMessage();
    assertTrue(m.startsWith("tensor 6 (output of Conv E"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> ChannelPruner.prune(parent, w, ChannelPrunerPlantedTest.NET.lower(), Importance.L1_BN_SCALED)).getMessage();
    assertTrue(m.contains("differs after pruning") || m.contains("not a channel-pruned copy"), m);
  }
}
