package org.edgenas.arch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the BatchNorm scales (γ) that close the residual branches of a network: for every
 * {@link Op.Add} whose one input is an ancestor of the other (x + f(x)), the γ of the BatchNorms
 * that produce f(x). With those γ (and β) at zero every residual block starts as the identity
 * (Goyal et al. 2017, torchvision's {@code zero_init_residual}), which lets deep residual stacks
 * train from the first steps. A branch is followed back through concatenations, channel shuffles,
 * activations with act(0) = 0 and the x of an x·scale product; a tensor is only zeroed when every
 * op that reads it lies inside the branch, so nothing outside the residual block changes. Adds
 * that fuse two independent paths (AFPN, the neck) are left alone.
 */
public final class ResidualBranches {
  private final Map<Integer, Op> producer = new HashMap<>();
  private final Map<Integer, List<Op>> consumers = new HashMap<>();
  private final Map<Integer, Set<Integer>> ancestors = new HashMap<>();

  private ResidualBranches(Network net) {
    for (Op op : net.ops()) {
      producer.put(op.output(), op);
      for (int in : op.inputs()) consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(op);
    }
  }

  /** The γ parameter names ({@code ….bn.weight}) that close a residual branch, in op order. */
  public static Set<String> closingGammas(Network net) {
    ResidualBranches graph = new ResidualBranches(net);
    Set<String> out = new LinkedHashSet<>();
    for (Op op : net.ops()) {
      if (!(op instanceof Op.Add add)) continue;
      int branch;
      int shortcut;
      if (graph.ancestorsOf(add.b()).contains(add.a())) {
        branch = add.b();
        shortcut = add.a();
      } else if (graph.ancestorsOf(add.a()).contains(add.b())) {
        branch = add.a();
        shortcut = add.b();
      } else {
        continue;
      }
      Set<Integer> inside = new HashSet<>(graph.ancestorsOf(branch));
      inside.removeAll(graph.ancestorsOf(shortcut));
      inside.remove(shortcut);
      inside.add(branch);
      List<String> gammas = new ArrayList<>();
      if (graph.closers(branch, add, inside, gammas)) out.addAll(gammas);
    }
    return out;
  }

  /** Adds to {@code gammas} the γ that zero {@code tensor}; false when it cannot be zeroed from inside the branch. */
  private boolean closers(int tensor, Op.Add add, Set<Integer> inside, List<String> gammas) {
    for (Op reader : consumers.getOrDefault(tensor, List.of())) {
      if (reader != add && !inside.contains(reader.output())) return false;
    }
    return switch (producer.get(tensor)) {
      case Op.Conv c when c.bn() && zeroAtZero(c.act()) -> gammas.addAll(gammasOf(c));
      case Op.RepConv r when zeroAtZero(r.act()) -> gammas.addAll(gammasOf(r));
      case Op.Concat c -> c.inputs().stream().allMatch(in -> closers(in, add, inside, gammas));
      case Op.Shuffle s -> closers(s.input(), add, inside, gammas);
      case Op.Activation a when zeroAtZero(a.act()) -> closers(a.input(), add, inside, gammas);
      case Op.Mul m -> closers(m.a(), add, inside, gammas);
      case null, default -> false;
    };
  }

  /** The BatchNorm γ of a convolution (a RepConv: of every branch, so their sum is zero too). */
  private static List<String> gammasOf(Op conv) {
    return ParamSpec.of(conv).stream().filter(p -> p.role() == ParamSpec.Role.BN_GAMMA).map(ParamSpec::name).toList();
  }

  private static boolean zeroAtZero(Act act) {
    return act == Act.NONE || act == Act.SILU || act == Act.RELU;
  }

  private Set<Integer> ancestorsOf(int tensor) {
    Set<Integer> known = ancestors.get(tensor);
    if (known != null) return known;
    Set<Integer> out = new HashSet<>();
    Op op = producer.get(tensor);
    if (op != null) {
      for (int in : op.inputs()) {
        out.add(in);
        out.addAll(ancestorsOf(in));
      }
    }
    ancestors.put(tensor, out);
    return out;
  }
}
