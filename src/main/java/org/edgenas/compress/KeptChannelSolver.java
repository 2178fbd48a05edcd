package org.edgenas.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * Decides which channel classes of a {@link ChannelGraph} survive so that every tensor of the
 * parent keeps exactly as many channels as the same tensor has in the pruned network.
 *
 * <p>Classes that occur in exactly the same tensors, the same number of times, form a cell: every
 * tensor's channel count is a sum over cells of (multiplicity × kept classes of the cell), so a
 * cell's kept count is all that the constraints see. The counts are found by propagation (a
 * tensor made of a single unknown cell fixes it: a convolution output, a C2f chunk, a Concat
 * whose other parts are known), and every constraint is checked afterwards. Within a cell the
 * classes with the largest summed importance are kept (ties: the earlier channel).
 */
final class KeptChannelSolver {
  private KeptChannelSolver() {}

  /** For every tensor, the parent channel indices it keeps, ascending. */
  static int[][] solve(ChannelGraph graph, Network pruned) {
    int atoms = graph.atomCount();
    int[] cellOf = new int[atoms];
    Arrays.fill(cellOf, -1);
    List<List<Integer>> cellClasses = new ArrayList<>();
    List<Map<Integer, Integer>> constraints = cells(graph, cellOf, cellClasses);
    int[] kept = counts(graph, pruned, constraints, cellClasses);
    double[] scores = graph.classScores();
    boolean[] keep = new boolean[atoms];
    for (int cell = 0; cell < cellClasses.size(); cell++) {
      for (int c : Importance.largest(cellClasses.get(cell), scores, kept[cell])) keep[c] = true;
    }
    int[][] out = new int[graph.tensors()][];
    for (int t = 0; t < out.length; t++) {
      int[] a = graph.atoms(t);
      if (a == null) continue;
      out[t] = java.util.stream.IntStream.range(0, a.length).filter(i -> keep[graph.classOf(a[i])]).toArray();
    }
    return out;
  }

  /** Groups classes into cells by their (tensor, multiplicity) signature; returns per tensor: cell → multiplicity. */
  private static List<Map<Integer, Integer>> cells(ChannelGraph g, int[] cellOf, List<List<Integer>> cellClasses) {
    Map<Integer, List<Long>> signature = new HashMap<>();
    for (int t = 0; t < g.tensors(); t++) {
      int[] a = g.atoms(t);
      if (a == null) continue;
      Map<Integer, Integer> mult = new LinkedHashMap<>();
      for (int atom : a) mult.merge(g.classOf(atom), 1, Integer::sum);
      for (var e : mult.entrySet()) {
        signature.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(((long) t << 32) | e.getValue());
      }
    }
    Map<List<Long>, Integer> cellIds = new HashMap<>();
    List<Integer> roots = new ArrayList<>(signature.keySet());
    roots.sort(null);
    for (int root : roots) {
      int id = cellIds.computeIfAbsent(signature.get(root), s -> {
        cellClasses.add(new ArrayList<>());
        return cellClasses.size() - 1;
      });
      cellOf[root] = id;
      cellClasses.get(id).add(root);
    }
    List<Map<Integer, Integer>> constraints = new ArrayList<>();
    for (int t = 0; t < g.tensors(); t++) {
      Map<Integer, Integer> perCell = new LinkedHashMap<>();
      int[] a = g.atoms(t);
      if (a != null) {
        Map<Integer, Integer> mult = new HashMap<>();
        for (int atom : a) mult.merge(g.classOf(atom), 1, Integer::sum);
        mult.forEach((root, m) -> perCell.put(cellOf[root], m));
      }
      constraints.add(perCell);
    }
    return constraints;
  }

  private static int[] counts(ChannelGraph g, Network pruned, List<Map<Integer, Integer>> constraints, List<List<Integer>> cellClasses) {
    int[] kept = new int[cellClasses.size()];
    Arrays.fill(kept, -1);
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int t = 0; t < constraints.size(); t++) {
        Map<Integer, Integer> c = constraints.get(t);
        int unknown = -1, unknowns = 0, rest = pruned.shape(t).c();
        for (var e : c.entrySet()) {
          if (kept[e.getKey()] < 0) {
            unknowns++;
            unknown = e.getKey();
          } else {
            rest -= e.getValue() * kept[e.getKey()];
          }
        }
        if (unknowns != 1) continue;
        int m = c.get(unknown);
        if (rest < 0 || rest % m != 0 || rest / m > cellClasses.get(unknown).size()) {
          throw new TiedChannelsException(describe(pruned, t) + " must keep " + pruned.shape(t).c() + " channels, but its tied channel groups cannot give that ("
              + rest + " left for a group of " + cellClasses.get(unknown).size() + " channels appearing " + m + " times)", layerOf(pruned, t));
        }
        kept[unknown] = rest / m;
        progress = true;
      }
    }
    for (int t = 0; t < constraints.size(); t++) {
      int sum = 0;
      for (var e : constraints.get(t).entrySet()) {
        if (kept[e.getKey()] < 0) throw new TiedChannelsException(describe(pruned, t) + ": cannot tell how many of its tied channels to keep", layerOf(pruned, t));
        sum += e.getValue() * kept[e.getKey()];
      }
      if (g.atoms(t) != null && sum != pruned.shape(t).c()) {
        throw new TiedChannelsException(describe(pruned, t) + " would keep " + sum + " channels but the pruned network has "
            + pruned.shape(t).c() + ": the tied channel groups conflict", layerOf(pruned, t));
      }
    }
    return kept;
  }

  /** The layer whose op outputs {@code tensor}; -1 for the input. */
  private static int layerOf(Network net, int tensor) {
    for (Op op : net.ops()) if (op.output() == tensor) return op.layer();
    return -1;
  }

  /** "tensor 12 (output of Conv s3.cv1, layer s3)" for messages. */
  static String describe(Network net, int tensor) {
    for (Op op : net.ops()) {
      if (op.output() != tensor) continue;
      String what = switch (op) {
        case Op.Conv c -> "Conv " + c.name();
        case Op.RepConv r -> "RepConv " + r.name();
        default -> op.getClass().getSimpleName();
      };
      return "tensor " + tensor + " (output of " + what + ", layer " + net.architecture().layers().get(op.layer()).name() + ")";
    }
    return "tensor " + tensor + " (the input)";
  }
}
