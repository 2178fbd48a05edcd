package org.edgenas.compress;

import java.util.List;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * Checks that a pruned network is its parent with fewer channels: the same ops in the same
 * order, reading and writing the same tensor ids, with equal kernels, strides, spatial shapes,
 * branch structure and grouping kind (dense, depthwise or fixed); only channel counts may shrink.
 */
final class NetworkPairing {
  private NetworkPairing() {}

  /** Throws IllegalArgumentException naming the first op where the two networks differ. */
  static void check(Network parent, Network pruned) {
    List<Op> a = parent.ops(), b = pruned.ops();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String why = difference(parent, a.get(i), pruned, b.get(i));
      if (why != null) {
        throw new IllegalArgumentException("op " + i + " (layer " + layerName(parent, a.get(i)) + ") differs after pruning: "
            + why + "; parent " + a.get(i) + ", pruned " + b.get(i));
      }
    }
    if (a.size() != b.size() || parent.shapes().size() != pruned.shapes().size()) {
      throw new IllegalArgumentException("pruned network has " + b.size() + " ops and " + pruned.shapes().size()
          + " tensors, its parent " + a.size() + " and " + parent.shapes().size() + ": not a channel-pruned copy");
    }
  }

  /**
   * The architecture layer index of the first op where {@code pruned} is not {@code parent} with
   * fewer channels, or -1 when it is.
   */
  static int firstDifferentLayer(Network parent, Network pruned) {
    List<Op> a = parent.ops(), b = pruned.ops();
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      if (difference(parent, a.get(i), pruned, b.get(i)) != null) return b.get(i).layer();
    }
    if (a.size() != b.size()) return (a.size() > n ? a : b).get(n).layer();
    return parent.shapes().size() == pruned.shapes().size() ? -1 : b.getLast().layer();
  }

  private static String layerName(Network net, Op op) {
    return net.architecture().layers().get(op.layer()).name();
  }

  private static String difference(Network pn, Op p, Network qn, Op q) {
    if (p.getClass() != q.getClass()) return "kind " + p.getClass().getSimpleName() + " vs " + q.getClass().getSimpleName();
    if (!p.inputs().equals(q.inputs()) || p.output() != q.output()) return "tensor wiring";
    var ps = pn.shape(p.output());
    var qs = qn.shape(q.output());
    if (ps.h() != qs.h() || ps.w() != qs.w()) return "spatial size " + ps + " vs " + qs;
    if (qs.c() > ps.c()) return "channels grew " + ps.c() + " -> " + qs.c();
    return switch (p) {
      case Op.Conv c -> {
        Op.Conv d = (Op.Conv) q;
        if (c.k() != d.k() || c.stride() != d.stride() || c.bias() != d.bias() || c.bn() != d.bn() || c.act() != d.act()) {
          yield "convolution settings";
        }
        yield groupingDifference(c.cin(), c.cout(), c.groups(), d.cin(), d.cout(), d.groups());
      }
      case Op.RepConv r -> {
        Op.RepConv s = (Op.RepConv) q;
        if (r.k() != s.k() || r.stride() != s.stride() || r.branches() != s.branches() || r.act() != s.act()
            || r.scaleBranch() != s.scaleBranch() || r.identityBranch() != s.identityBranch()) {
          yield "re-parameterisable branches (identity " + r.identityBranch() + " vs " + s.identityBranch() + ")";
        }
        yield groupingDifference(r.cin(), r.cout(), r.groups(), s.cin(), s.cout(), s.groups());
      }
      case Op.Pool x -> x.equals(((Op.Pool) q)) ? null : "pooling settings";
      case Op.Upsample x -> x.scale() == ((Op.Upsample) q).scale() ? null : "scale";
      case Op.Shuffle x -> x.groups() == ((Op.Shuffle) q).groups() ? null : "shuffle groups";
      case Op.Activation x -> x.act() == ((Op.Activation) q).act() ? null : "activation";
      case Op.Attention x -> x.equals(q) ? null : "attention heads or widths";
      case Op.Detect x -> !x.equals(q) ? "detect settings"
          : x.inputs().stream().allMatch(t -> pn.shape(t).equals(qn.shape(t))) ? null : "a Detect input lost channels";
      case Op.Softmax x -> ps.equals(qs) ? null : "softmax over channels changed width";
      case Op.Mul x -> broadcastKind(pn, x.b()) == broadcastKind(qn, ((Op.Mul) q).b()) ? null : "broadcast";
      default -> null;
    };
  }

  private static int broadcastKind(Network net, int b) {
    var s = net.shape(b);
    return s.c() == 1 ? 1 : s.h() == 1 && s.w() == 1 ? 2 : 0;
  }

  private static String groupingDifference(int cin, int cout, int g, int cin2, int cout2, int g2) {
    if (g == 1) return g2 == 1 ? null : "groups " + g + " vs " + g2;
    if (g == cin && g == cout) return g2 == cin2 && g2 == cout2 ? null : "depthwise lost (" + cin2 + "->" + cout2 + " groups " + g2 + ")";
    return g == g2 && cin == cin2 && cout == cout2 ? null : "grouped convolution " + cin + "->" + cout + "/" + g + " changed";
  }
}
