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
 * whose other parts are known); what propagation leaves open, where only several tensors together
 * fix the counts (a shuffled class that a later half-split cuts through), is solved as one integer
 * linear system; every constraint is checked afterwards. Within a cell the
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
    solveCoupled(g, pruned, constraints, cellClasses, kept);
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

  /** Most search steps {@link #solveCoupled} takes before it gives up. */
  static final int SEARCH_BUDGET = 1_000_000;

  /**
   * The cells propagation leaves unknown: no remaining tensor has a single unknown cell, yet the
   * tensors together may fix them (a class of a channel shuffle that a later half-split cuts in
   * two: 2a + b = 9, b + 2c = 9, a + b + c = 9). The remaining equations are reduced exactly (integer
   * Gauss-Jordan elimination); cells they leave free are searched, each from the count its
   * tensors' pruning ratio suggests outward, for non-negative integer counts within every cell's
   * size that satisfy every equation.
   */
  private static void solveCoupled(ChannelGraph g, Network pruned, List<Map<Integer, Integer>> constraints,
      List<List<Integer>> cellClasses, int[] kept) {
    Map<Integer, Integer> column = new LinkedHashMap<>();
    List<Integer> rowTensor = new ArrayList<>();
    for (int t = 0; t < constraints.size(); t++) {
      if (g.atoms(t) == null) continue;
      boolean open = false;
      for (int cell : constraints.get(t).keySet()) {
        if (kept[cell] < 0) {
          column.putIfAbsent(cell, column.size());
          open = true;
        }
      }
      if (open) rowTensor.add(t);
    }
    if (column.isEmpty()) return;
    int n = column.size();
    int[] cellOfColumn = new int[n];
    column.forEach((cell, j) -> cellOfColumn[j] = cell);
    long[][] rows = new long[rowTensor.size()][n + 1];
    for (int r = 0; r < rows.length; r++) {
      int t = rowTensor.get(r);
      long rest = pruned.shape(t).c();
      for (var e : constraints.get(t).entrySet()) {
        if (kept[e.getKey()] < 0) rows[r][column.get(e.getKey())] += e.getValue();
        else rest -= (long) e.getValue() * kept[e.getKey()];
      }
      rows[r][n] = rest;
    }
    // Gauss-Jordan over the integers: every row stays a primitive integer vector
    int[] pivotColumn = new int[Math.min(rows.length, n)];
    int rank = 0;
    for (int j = 0; j < n && rank < rows.length; j++) {
      int p = rank;
      while (p < rows.length && rows[p][j] == 0) p++;
      if (p == rows.length) continue;
      long[] swap = rows[p];
      rows[p] = rows[rank];
      rows[rank] = swap;
      int swapT = rowTensor.get(p);
      rowTensor.set(p, rowTensor.get(rank));
      rowTensor.set(rank, swapT);
      long[] pivot = rows[rank];
      if (pivot[j] < 0) for (int k = 0; k <= n; k++) pivot[k] = -pivot[k];
      for (int r = 0; r < rows.length; r++) {
        if (r == rank || rows[r][j] == 0) continue;
        long a = rows[r][j];
        for (int k = 0; k <= n; k++) rows[r][k] = Math.subtractExact(Math.multiplyExact(rows[r][k], pivot[j]), Math.multiplyExact(pivot[k], a));
        primitive(rows[r]);
      }
      pivotColumn[rank++] = j;
    }
    for (int r = rank; r < rows.length; r++) {
      if (rows[r][n] != 0) {
        int t = rowTensor.get(r);
        throw new TiedChannelsException(describe(pruned, t) + " must keep " + pruned.shape(t).c()
            + " channels, but no count of its tied channel groups gives that together with the tensors it is tied to", layerOf(pruned, t));
      }
    }
    boolean[] isPivot = new boolean[n];
    for (int r = 0; r < rank; r++) isPivot[pivotColumn[r]] = true;
    int[] free = java.util.stream.IntStream.range(0, n).filter(j -> !isPivot[j]).toArray();
    // a row can be checked once the last free column it involves has a value
    List<List<Integer>> checkAt = new ArrayList<>();
    for (int i = 0; i <= free.length; i++) checkAt.add(new ArrayList<>());
    for (int r = 0; r < rank; r++) {
      int last = 0;
      for (int i = 0; i < free.length; i++) if (rows[r][free[i]] != 0) last = i + 1;
      checkAt.get(last).add(r);
    }
    long[] value = new long[n];
    int[] suggested = new int[free.length];
    for (int i = 0; i < free.length; i++) suggested[i] = suggestion(g, pruned, constraints, cellOfColumn[free[i]], cellClasses);
    int[] steps = {0};
    if (!search(0, free, rows, pivotColumn, checkAt, value, suggested, cellOfColumn, cellClasses, n, steps)) {
      int t = rowTensor.get(0);
      String why = steps[0] > SEARCH_BUDGET ? ": cannot tell how many of its tied channels to keep (" + free.length + " tied groups left free)"
          : " must keep " + pruned.shape(t).c() + " channels, but no count of its tied channel groups gives that together with the tensors it is tied to";
      throw new TiedChannelsException(describe(pruned, t) + why, layerOf(pruned, t));
    }
    for (int j = 0; j < n; j++) kept[cellOfColumn[j]] = (int) value[j];
  }

  private static boolean search(int i, int[] free, long[][] rows, int[] pivotColumn, List<List<Integer>> checkAt, long[] value,
      int[] suggested, int[] cellOfColumn, List<List<Integer>> cellClasses, int n, int[] steps) {
    if (++steps[0] > SEARCH_BUDGET) return false;
    for (int r : checkAt.get(i)) {
      long rest = rows[r][n];
      for (int k = 0; k < i; k++) rest -= rows[r][free[k]] * value[free[k]];
      long a = rows[r][pivotColumn[r]];
      if (rest < 0 || rest % a != 0 || rest / a > cellClasses.get(cellOfColumn[pivotColumn[r]]).size()) return false;
      value[pivotColumn[r]] = rest / a;
    }
    if (i == free.length) return true;
    int size = cellClasses.get(cellOfColumn[free[i]]).size();
    int s = suggested[i];
    for (int d = 0; d <= size; d++) {
      for (int v : d == 0 ? new int[] {s} : new int[] {s + d, s - d}) {
        if (v < 0 || v > size) continue;
        value[free[i]] = v;
        if (search(i + 1, free, rows, pivotColumn, checkAt, value, suggested, cellOfColumn, cellClasses, n, steps)) return true;
        if (steps[0] > SEARCH_BUDGET) return false;
      }
    }
    return false;
  }

  /** The count a free cell starts its search from: its size times the narrowest ratio (pruned / parent width) of its tensors. */
  private static int suggestion(ChannelGraph g, Network pruned, List<Map<Integer, Integer>> constraints, int cell,
      List<List<Integer>> cellClasses) {
    double ratio = 1;
    for (int t = 0; t < constraints.size(); t++) {
      if (g.atoms(t) != null && constraints.get(t).containsKey(cell)) ratio = Math.min(ratio, pruned.shape(t).c() / (double) g.atoms(t).length);
    }
    return (int) Math.round(ratio * cellClasses.get(cell).size());
  }

  private static void primitive(long[] row) {
    long d = 0;
    for (long v : row) d = gcd(d, Math.abs(v));
    if (d > 1) for (int k = 0; k < row.length; k++) row[k] /= d;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
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
