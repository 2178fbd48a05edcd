package org.edgenas.compress;

import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;

/**
 * Structured channel pruning of trained weights. A pruned {@link org.edgenas.arch.Architecture}
 * (same layers, pruning ratios &gt; 0) lowers to its parent's ops with fewer channels; this class
 * decides which of the parent's channels survive and copies their slices, so the pruned network
 * starts from the parent's knowledge before fine-tuning.
 *
 * <p>Channels tied by the network's structure share one decision ({@link ChannelGraph}): residual
 * Adds, depthwise convolutions, re-parameterisable identity branches, SE gates, channel shuffles;
 * Concat and Slice compose them with offsets (so the two chunks of a C2f/C3k2 split are pruned
 * separately). The number to keep comes from the pruned network's shapes ({@link
 * KeptChannelSolver}); which ones, from the summed {@link Importance} of every filter tied to
 * them. Kept indices stay in ascending order. Widths the lowering never prunes (attention heads,
 * Detect's box and class outputs, ASFF level weights) come out whole.
 */
public final class ChannelPruner {
  private ChannelPruner() {}

  /**
   * Prunes {@code parentWeights} (weights of {@code parent}) to the shapes of {@code pruned}.
   *
   * @throws IllegalArgumentException when {@code pruned} is not {@code parent} with fewer
   *     channels, when the weights do not fit the parent, or when the pruned widths conflict with
   *     the parent's channel ties; the message names the op or tensor
   */
  public static PrunedWeights prune(Network parent, Weights parentWeights, Network pruned, Importance importance) {
    NetworkPairing.check(parent, pruned);
    checkFits(parent, parentWeights);
    ChannelGraph graph = ChannelGraph.of(parent, parentWeights, importance);
    int[][] kept = KeptChannelSolver.solve(graph, pruned);
    Map<String, float[]> values = new LinkedHashMap<>();
    Map<String, int[]> keptChannels = new LinkedHashMap<>();
    for (int i = 0; i < parent.ops().size(); i++) {
      switch (parent.ops().get(i)) {
        case Op.Conv c -> {
          WeightSlicer.conv(c, parentWeights, kept[c.input()], kept[c.output()], values);
          keptChannels.put(c.name(), kept[c.output()]);
        }
        case Op.RepConv r -> {
          WeightSlicer.repConv(r, parentWeights, kept[r.input()], kept[r.output()], values);
          keptChannels.put(r.name(), kept[r.output()]);
        }
        case Op.Detect d -> values.put(d.name() + ".dfl.weight", parentWeights.get(d.name() + ".dfl.weight").clone());
        case Op.Slice s -> checkSliceStart(s, kept[s.input()], (Op.Slice) pruned.ops().get(i));
        default -> {}
      }
    }
    Weights out = new Weights(values);
    checkFits(pruned, out);
    return new PrunedWeights(out, keptChannels);
  }

  /**
   * The layer (architecture index) of the first op at which {@code narrow} is not {@code wide} with
   * fewer channels, or -1 when {@link #prune} can map the one onto the other.
   */
  public static int firstUnpairedLayer(Network wide, Network narrow) {
    return NetworkPairing.firstDifferentLayer(wide, narrow);
  }

  /**
   * Where {@link #prune} takes each of the pruned network's values from: for every parameter of
   * {@code pruned}, the flat (row-major) index into the same-named parameter of {@code parent} of
   * each of its values. The kept channels are chosen as {@link #prune} chooses them; {@code
   * parentWeights} is read for the importances only and may be null with {@link Importance#ORDER}.
   *
   * @throws IllegalArgumentException as {@link #prune}, or when a parameter has more than 2^24 values
   */
  public static java.util.Map<String, int[]> sliceIndices(Network parent, Weights parentWeights, Network pruned, Importance importance) {
    NetworkPairing.check(parent, pruned);
    if (parentWeights != null) checkFits(parent, parentWeights);
    else if (importance != Importance.ORDER) throw new IllegalArgumentException("importance " + importance + " needs the parent's weights");
    ChannelGraph graph = ChannelGraph.of(parent, parentWeights, importance);
    int[][] kept = KeptChannelSolver.solve(graph, pruned);
    Map<String, float[]> positions = new LinkedHashMap<>();
    for (ParamSpec p : ParamSpec.of(parent)) {
      if (p.size() > 1 << 24) throw new IllegalArgumentException("parameter " + p.name() + " has " + p.size() + " values, more than 2^24");
      float[] v = new float[p.size()];
      for (int i = 0; i < v.length; i++) v[i] = i;
      positions.put(p.name(), v);
    }
    Weights index = new Weights(positions);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (int i = 0; i < parent.ops().size(); i++) {
      switch (parent.ops().get(i)) {
        case Op.Conv c -> WeightSlicer.conv(c, index, kept[c.input()], kept[c.output()], values);
        case Op.RepConv r -> WeightSlicer.repConv(r, index, kept[r.input()], kept[r.output()], values);
        case Op.Detect d -> values.put(d.name() + ".dfl.weight", index.get(d.name() + ".dfl.weight").clone());
        case Op.Slice s -> checkSliceStart(s, kept[s.input()], (Op.Slice) pruned.ops().get(i));
        default -> {}
      }
    }
    checkFits(pruned, new Weights(values));
    Map<String, int[]> out = new LinkedHashMap<>();
    values.forEach((name, v) -> {
      int[] ints = new int[v.length];
      for (int i = 0; i < v.length; i++) ints[i] = (int) v[i];
      out.put(name, ints);
    });
    return out;
  }

  /** The pruned slice must start where the parent's kept channels before {@code from} end. */
  private static void checkSliceStart(Op.Slice s, int[] keptIn, Op.Slice p) {
    int before = 0;
    while (before < keptIn.length && keptIn[before] < s.from()) before++;
    if (p.from() != before) {
      throw new IllegalArgumentException("slice of tensor " + s.input() + " at " + s.from() + " starts at " + p.from()
          + " in the pruned network, but " + before + " kept channels lie before it");
    }
  }

  /** Every parameter of the network present with the size its spec asks. */
  static void checkFits(Network net, Weights w) {
    for (ParamSpec p : ParamSpec.of(net)) {
      float[] v = w.values().get(p.name());
      if (v == null) throw new IllegalArgumentException("weights lack parameter " + p.name() + " " + p.shape());
      if (v.length != p.size()) {
        throw new IllegalArgumentException("parameter " + p.name() + " has " + v.length + " values, its shape " + p.shape() + " needs " + p.size());
      }
    }
  }
}
