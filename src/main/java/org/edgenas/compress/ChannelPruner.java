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
   * The index of the first layer of {@code parent} at which {@code pruned} stops being {@code
   * parent} with fewer channels (the layer owning the first differing op), or -1 when {@link
   * #prune} may pair them: for callers that widen some layers of a network and keep only the
   * widenings that pair.
   */
  public static int firstUnpairedLayer(Network parent, Network pruned) {
    int op = NetworkPairing.firstDifference(parent, pruned);
    if (op < 0) return -1;
    return op < parent.ops().size() ? parent.ops().get(op).layer() : parent.architecture().layers().size() - 1;
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
