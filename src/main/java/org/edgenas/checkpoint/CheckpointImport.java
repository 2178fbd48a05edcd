package org.edgenas.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.common.BadInputException;
import org.edgenas.compress.Importance;

/**
 * Maps a {@link Checkpoint} onto a network's parameters by name. The op {@code <layer>.<path>} of
 * layer number i reads Ultralytics' {@code model.<i>.<path>} ({@code .conv.weight} and {@code
 * .conv.bias} for a convolution with BatchNorm, {@code .weight}/{@code .bias} for a plain one,
 * {@code model.<i>.dfl.conv.weight} for Detect's bins), or edgenas's own {@code <layer>.<path>}.
 *
 * <p>A folded BatchNorm becomes an identity BatchNorm that carries the folded bias: γ 1, β the
 * bias, mean 0, variance 1 − {@link Weights#BN_EPS} (so that √(var + ε) is 1 in float32 and the
 * exporter's double-precision fold returns the same floats). A GhostNetV3 convolution, folded in
 * edgenas's export, gets the folded kernel in its first branch and zero in the others, so its
 * output is unchanged.
 *
 * <p>When the class count differs, Detect's class-logit convolutions keep their fresh values, as
 * Ultralytics does; the class branch's hidden width (max(channels, min(nc, 100))) may then be
 * narrower than the checkpoint's, and its convolutions take the checkpoint's channels with the
 * largest L1 filter norms over the inputs kept ({@link Importance#largest}, the pruner's choice;
 * depthwise convolutions following their input). Any
 * other tensor that is missing or does not fit is an error naming the file and the tensor.
 */
public final class CheckpointImport {
  private final Checkpoint ckpt;
  private final Network net;
  private final Map<String, float[]> out;
  private final Set<String> used = new HashSet<>();
  private final Set<String> dropped = new HashSet<>();
  private final List<String> transferred = new ArrayList<>();
  private final List<String> sliced = new ArrayList<>();
  private final List<String> fresh = new ArrayList<>();
  /** Op name → the checkpoint tensors its parameters came from. */
  private final Map<String, List<String>> sources = new LinkedHashMap<>();
  private String currentOp;
  /** Tensor id → the checkpoint's channels it holds, for tensors narrower than the checkpoint's. */
  private final Map<Integer, int[]> kept = new HashMap<>();
  private final Set<Integer> classLogits = new HashSet<>();
  private final int detectLayer;

  private CheckpointImport(Checkpoint ckpt, Network net, Weights initial) {
    this.ckpt = ckpt;
    this.net = net;
    this.out = new LinkedHashMap<>(initial.values());
    int detect = -1;
    for (Op op : net.ops()) {
      if (op instanceof Op.Detect d) {
        detect = d.layer();
        for (int i = 1; i < d.inputs().size(); i += 2) classLogits.add(d.inputs().get(i));
      }
    }
    this.detectLayer = detect;
  }

  /**
   * Weights for {@code net}: the checkpoint's where they fit, {@code initial}'s (a fresh
   * initialisation of the same network) for the class-logit convolutions when the class count differs.
   *
   * @throws BadInputException naming the file and the first tensor that is missing or does not fit,
   *     or a weight tensor that fits no parameter
   */
  public static ImportedWeights fit(Checkpoint ckpt, Network net, Weights initial) {
    CheckpointImport i = new CheckpointImport(ckpt, net, initial);
    for (Op op : net.ops()) {
      switch (op) {
        case Op.Conv c -> i.at(c.name()).conv(c);
        case Op.RepConv r -> i.at(r.name()).repConv(r);
        case Op.Detect d -> i.at(d.name()).dfl(d);
        default -> {}
      }
    }
    return i.result();
  }

  private CheckpointImport at(String opName) {
    currentOp = opName;
    return this;
  }

  private ImportedWeights result() {
    List<String> notTransferred = new ArrayList<>();
    for (String name : ckpt.tensors().keySet()) {
      if (used.contains(name) || !(name.endsWith(".weight") || name.endsWith(".bias"))) continue;
      if (!dropped.contains(name)) {
        throw new BadInputException(ckpt.file() + ": tensor " + name + " " + ckpt.tensor(name).shape()
            + " fits no parameter of " + net.architecture().name() + " (a checkpoint of a larger or another architecture)");
      }
      notTransferred.add(name);
    }
    return new ImportedWeights(new Weights(out), ckpt.fileName(), ckpt.sha256(), transferred, notTransferred, sliced, fresh,
        sources);
  }

  private void conv(Op.Conv c) {
    String src = source(c, c.bn());
    String wName = src + ".weight";
    Checkpoint.Tensor w = require(wName, c, c.name() + ".weight", weightShape(c));
    int[] keptIn = kept.get(c.input());
    boolean fits = w.shape().equals(weightShape(c)) && keptIn == null;
    if (!fits && classLogits.contains(c.output()) && c.layer() == detectLayer && w.shape().get(0) != c.cout()) {
      drop(wName);
      drop(src + ".bias");
      fresh.add(c.name() + ".weight");
      if (c.bias()) fresh.add(c.name() + ".bias");
      return;
    }
    int[] keptOut = fits ? null : sliceable(c, w, keptIn, wName);
    float[] weight = fits ? w.values() : filters(w, keptIn, keptOut);
    float[] bias = c.bias() || c.bn() ? biasOf(src + ".bias", c, keptOut) : null;
    out.put(c.name() + ".weight", weight);
    take(wName, keptOut != null);
    if (c.bias()) out.put(c.name() + ".bias", bias);
    if (c.bn()) identityBatchNorm(c.name() + ".bn", bias);
    if (!c.bias() && !c.bn()) zeroBias(src + ".bias", c);
    if (keptOut != null) kept.put(c.output(), keptOut);
  }

  /** Edgenas's export folds every branch into one kernel: it goes to branch 0, the others add zero. */
  private void repConv(Op.RepConv r) {
    List<Integer> shape = List.of(r.cout(), r.cin() / r.groups(), r.k(), r.k());
    String wName = r.name() + ".weight";
    Checkpoint.Tensor w = require(wName, r, r.name() + ".rep.0.weight", shape);
    if (!w.shape().equals(shape) || kept.containsKey(r.input())) throw mismatch(wName, w, r, r.name() + ".rep.0.weight", shape);
    float[] bias = biasOf(r.name() + ".bias", r, null);
    take(wName, false);
    for (int i = 0; i < r.branches(); i++) {
      String b = r.name() + ".rep." + i;
      out.put(b + ".weight", i == 0 ? w.values() : new float[w.values().length]);
      identityBatchNorm(b + ".bn", i == 0 ? bias : new float[r.cout()]);
    }
    if (r.scaleBranch()) {
      out.put(r.name() + ".scale.weight", new float[r.cout() * (r.cin() / r.groups())]);
      identityBatchNorm(r.name() + ".scale.bn", new float[r.cout()]);
    }
    if (r.identityBranch()) {
      identityBatchNorm(r.name() + ".skip.bn", new float[r.cout()]);
      out.put(r.name() + ".skip.bn.weight", new float[r.cout()]);
    }
  }

  private void dfl(Op.Detect d) {
    String src = ckpt.layout() == Checkpoint.Layout.ULTRALYTICS ? source(d.name(), d.layer()) + ".dfl.conv.weight" : d.name() + ".dfl.weight";
    Checkpoint.Tensor t = ckpt.tensor(src);
    if (t == null) return; // the bins are fixed 0..regMax-1 either way
    List<Integer> shape = List.of(1, d.regMax(), 1, 1);
    if (!t.shape().equals(shape)) throw mismatch(src, t, d, d.name() + ".dfl.weight", shape);
    out.put(d.name() + ".dfl.weight", t.values());
    take(src, false);
  }

  /** γ 1, β the (folded) bias, mean 0, var 1 − ε: the identity on top of the bias in float32. */
  private void identityBatchNorm(String prefix, float[] beta) {
    float[] gamma = new float[beta.length];
    float[] var = new float[beta.length];
    Arrays.fill(gamma, 1f);
    Arrays.fill(var, (float) (1 - Weights.BN_EPS));
    out.put(prefix + ".weight", gamma);
    out.put(prefix + ".bias", beta.clone());
    out.put(prefix + ".mean", new float[beta.length]);
    out.put(prefix + ".var", var);
  }

  /** A convolution without bias (PConv) is exported with a zero bias: taken when it is zero. */
  private void zeroBias(String name, Op.Conv c) {
    Checkpoint.Tensor b = ckpt.tensor(name);
    if (b == null) return;
    for (float v : b.values()) {
      if (v != 0) {
        throw new BadInputException(ckpt.file() + ": tensor " + name + " is not zero, but " + where(c) + " has no bias in "
            + c.name() + " (a checkpoint of another architecture?)");
      }
    }
    take(name, false);
  }

  private float[] biasOf(String name, Op op, int[] keptOut) {
    int cout = op instanceof Op.Conv c ? c.cout() : ((Op.RepConv) op).cout();
    Checkpoint.Tensor b = ckpt.tensor(name);
    if (b == null) return new float[cout]; // a convolution exported without bias
    List<Integer> want = List.of(keptOut == null ? cout : b.shape().getFirst());
    if (!b.shape().equals(want)) throw mismatch(name, b, op, opName(op) + " bias", List.of(cout));
    take(name, keptOut != null);
    if (keptOut == null) return b.values();
    float[] v = new float[keptOut.length];
    for (int i = 0; i < v.length; i++) v[i] = b.values()[keptOut[i]];
    return v;
  }

  /**
   * The checkpoint's output channels a narrower Detect convolution keeps: a depthwise one its
   * input's, a dense one the largest L1 norms over the kept inputs. Anything else does not fit.
   */
  private int[] sliceable(Op.Conv c, Checkpoint.Tensor w, int[] keptIn, String wName) {
    List<Integer> s = w.shape();
    boolean detect = c.layer() == detectLayer;
    boolean kernel = s.size() == 4 && s.get(2) == c.k() && s.get(3) == c.k() && s.getFirst() >= c.cout();
    boolean depthwise = c.groups() == c.cin() && c.groups() == c.cout() && c.groups() > 1;
    int cinSource = keptIn == null ? c.cin() / c.groups() : depthwise ? 1 : s.get(1);
    boolean input = depthwise ? s.get(1) == 1 && keptIn != null && keptIn.length == c.cout()
        : c.groups() == 1 && s.get(1) == cinSource && (keptIn == null || keptIn.length == c.cin());
    if (!detect || !kernel || !input) throw mismatch(wName, w, c, c.name() + ".weight", weightShape(c));
    if (depthwise) return keptIn;
    int[] all = range(s.getFirst());
    int cin = keptIn == null ? s.get(1) : keptIn.length;
    Op.Conv whole = new Op.Conv(c.layer(), c.name(), c.input(), c.output(), cin, s.getFirst(), c.k(), c.stride(), 1, false, false, c.act());
    double[] score = Importance.L1.scores(whole, new Weights(Map.of(c.name() + ".weight", filters(w, keptIn, all))));
    return Importance.largest(Arrays.stream(all).boxed().toList(), score, c.cout());
  }

  private static float[] filters(Checkpoint.Tensor w, int[] keptIn, int[] keptOut) {
    int sIn = w.shape().get(1);
    int kk = w.shape().get(2) * w.shape().get(3);
    int[] in = keptIn == null || sIn == 1 ? range(sIn) : keptIn;
    float[] v = new float[keptOut.length * in.length * kk];
    int p = 0;
    for (int o : keptOut) {
      for (int i : in) {
        System.arraycopy(w.values(), (o * sIn + i) * kk, v, p, kk);
        p += kk;
      }
    }
    return v;
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) r[i] = i;
    return r;
  }

  private void take(String name, boolean cut) {
    sources.computeIfAbsent(currentOp, k -> new ArrayList<>()).add(name);
    used.add(name);
    transferred.add(name);
    if (cut) sliced.add(name);
  }

  private void drop(String name) {
    if (ckpt.tensor(name) != null) dropped.add(name);
  }

  private Checkpoint.Tensor require(String name, Op op, String param, List<Integer> shape) {
    Checkpoint.Tensor t = ckpt.tensor(name);
    if (t == null) {
      throw new BadInputException(ckpt.file() + ": has no tensor " + name + ", which " + where(op) + " needs for " + param + " "
          + shape + " (a checkpoint of another architecture, or a truncated file?)");
    }
    return t;
  }

  private BadInputException mismatch(String name, Checkpoint.Tensor t, Op op, String param, List<Integer> shape) {
    return new BadInputException(ckpt.file() + ": tensor " + name + " is " + t.shape() + ", but " + where(op) + " needs "
        + shape + " for " + param + " (a checkpoint of another architecture?)");
  }

  private String where(Op op) {
    Layer l = net.architecture().layers().get(op.layer());
    return net.architecture().name() + " layer " + l.name() + " (" + l.kind().yamlName() + ", number " + op.layer() + ")";
  }

  private String source(Op.Conv c, boolean folded) {
    if (ckpt.layout() == Checkpoint.Layout.EDGENAS) return c.name();
    return source(c.name(), c.layer()) + (folded ? ".conv" : "");
  }

  /** Ultralytics' module path for an edgenas op name: the layer name becomes {@code model.<index>}. */
  private String source(String opName, int layer) {
    String layerName = net.architecture().layers().get(layer).name();
    return "model." + layer + opName.substring(layerName.length());
  }

  private static String opName(Op op) {
    return op instanceof Op.Conv c ? c.name() : ((Op.RepConv) op).name();
  }

  private static List<Integer> weightShape(Op.Conv c) {
    return ParamSpec.of(c).getFirst().shape();
  }
}
