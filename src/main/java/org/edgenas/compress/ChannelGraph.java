package org.edgenas.compress;

import java.util.Arrays;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;

/**
 * The channels of a parent network as atoms tied together by a union-find. Every convolution
 * output channel is a fresh atom carrying that filter's importance; ops that move channels
 * without mixing them (pooling, up-sampling, activations, Concat, Slice, Shuffle) pass the atoms
 * through; ops that force two channels to be kept or dropped together unite their atoms: a
 * residual Add (input i with input i), a depthwise convolution or a re-parameterisable identity
 * branch (output i with input i), an SE gate Mul (gate i with channel i), and a channel Shuffle
 * (position j of every group, so the pruned shuffle permutes the kept channels as the parent did).
 * A class of the union-find is a set of channels that share one keep-or-drop decision.
 */
final class ChannelGraph {
  private final int[][] tensorAtoms;
  private int[] parent = new int[1024];
  private double[] score = new double[1024];
  private int atoms;

  private ChannelGraph(int tensors) {
    tensorAtoms = new int[tensors][];
  }

  static ChannelGraph of(Network net, Weights weights, Importance importance) {
    ChannelGraph g = new ChannelGraph(net.shapes().size());
    g.tensorAtoms[net.input()] = g.fresh(net.shape(net.input()).c());
    for (Op op : net.ops()) g.add(net, op, weights, importance);
    return g;
  }

  /** The atoms of a tensor's channels, in channel order. */
  int[] atoms(int tensor) {
    return tensorAtoms[tensor];
  }

  int tensors() {
    return tensorAtoms.length;
  }

  /** The class (union-find root) of an atom. */
  int classOf(int atom) {
    int r = atom;
    while (parent[r] != r) r = parent[r];
    while (parent[atom] != r) {
      int next = parent[atom];
      parent[atom] = r;
      atom = next;
    }
    return r;
  }

  /** Summed importance of every atom of each class, indexed by root atom. */
  double[] classScores() {
    double[] out = new double[atoms];
    for (int a = 0; a < atoms; a++) out[classOf(a)] += score[a];
    return out;
  }

  int atomCount() {
    return atoms;
  }

  private void add(Network net, Op op, Weights weights, Importance importance) {
    int[] out = switch (op) {
      case Op.Conv c -> {
        int[] o = fresh(c.cout());
        if (c.groups() == c.cin() && c.groups() == c.cout()) unite(o, in(c.input()));
        yield o;
      }
      case Op.RepConv r -> {
        int[] o = fresh(r.cout());
        if ((r.groups() == r.cin() && r.groups() == r.cout()) || r.identityBranch()) unite(o, in(r.input()));
        yield o;
      }
      case Op.Pool p -> in(p.input());
      case Op.GlobalAvgPool p -> in(p.input());
      case Op.Upsample u -> in(u.input());
      case Op.Activation a -> in(a.input());
      case Op.Concat c -> c.inputs().stream().map(this::in).flatMapToInt(Arrays::stream).toArray();
      case Op.Slice s -> Arrays.copyOfRange(in(s.input()), s.from(), s.to());
      case Op.Add a -> {
        unite(in(a.a()), in(a.b()));
        yield in(a.a());
      }
      case Op.Mul m -> {
        Shape sb = net.shape(m.b());
        if (sb.c() == net.shape(m.a()).c()) unite(in(m.a()), in(m.b()));
        yield in(m.a());
      }
      case Op.Shuffle s -> shuffle(in(s.input()), s.groups());
      case Op.Softmax s -> fresh(net.shape(s.output()).c());
      case Op.Attention a -> fresh(net.shape(a.output()).c());
      case Op.Detect d -> fresh(net.shape(d.output()).c());
    };
    tensorAtoms[op.output()] = out;
    double[] s = importance.scores(op, weights);
    if (s != null) for (int i = 0; i < out.length; i++) score[out[i]] += s[i];
  }

  private int[] shuffle(int[] x, int groups) {
    int per = x.length / groups;
    for (int g = 1; g < groups; g++) {
      unite(Arrays.copyOfRange(x, 0, per), Arrays.copyOfRange(x, g * per, (g + 1) * per));
    }
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) out[i] = x[(i % groups) * per + i / groups];
    return out;
  }

  private int[] in(int tensor) {
    int[] a = tensorAtoms[tensor];
    if (a == null) throw new IllegalStateException("tensor " + tensor + " used before it is made");
    return a;
  }

  private int[] fresh(int n) {
    if (atoms + n > parent.length) {
      int size = Math.max(parent.length * 2, atoms + n);
      parent = Arrays.copyOf(parent, size);
      score = Arrays.copyOf(score, size);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      parent[atoms] = atoms;
      out[i] = atoms++;
    }
    return out;
  }

  private void unite(int[] a, int[] b) {
    if (a.length != b.length) throw new IllegalStateException("cannot tie " + a.length + " channels to " + b.length);
    for (int i = 0; i < a.length; i++) {
      int ra = classOf(a[i]), rb = classOf(b[i]);
      if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
