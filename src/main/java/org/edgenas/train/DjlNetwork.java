package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;

/**
 * A {@link Network} as one DJL block (PyTorch engine) whose forward walks the op list. Every
 * parameter and BatchNorm buffer is a DJL {@link Parameter} named as in {@link ParamSpec}. The
 * block owns a sub-{@link NDManager} of the caller's (one per candidate): close it when done.
 *
 * <p>Training mode ({@code forward(..., training=true)}, or {@link #forwardRaw}) uses batch
 * statistics, updates the BatchNorm running statistics (momentum 0.03) and returns the raw
 * Detect maps per level, box logits [B, 4·regMax, H, W] then class logits [B, nc, H, W].
 * Inference mode ({@link #infer}) uses the running statistics, folds nothing (RepConv branches
 * are summed as in training) and returns [B, 4+nc, anchors] exactly as the ONNX export.
 */
public final class DjlNetwork extends AbstractBlock implements AutoCloseable {
  private final Network network;
  private final DetectGeometry geometry;
  private final NDManager manager;
  private final List<ParamSpec> specs;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final ParameterStore store;
  private Set<String> fakeQuantized = Set.of();
  /** Weight of a new batch in the running BatchNorm statistics of a training-mode forward. */
  private float bnMomentum = DjlOps.BN_MOMENTUM;
  /** While {@link #batchNormInputStatistics} runs: BatchNorm prefix → {mean, biased variance} of its input. */
  private Map<String, float[][]> normInputs;

  private DjlNetwork(Network network, NDManager manager) {
    this.network = network;
    this.geometry = DetectGeometry.of(network);
    this.manager = manager;
    this.specs = ParamSpec.of(network);
    this.store = new ParameterStore(manager, false);
    for (ParamSpec spec : specs) {
      Parameter p = addParameter(Parameter.builder().setName(spec.name()).setType(type(spec.role()))
          .optRequiresGrad(spec.role().trainable()).build());
      byName.put(spec.name(), p);
    }
  }

  /** Builds the network in a new sub-manager of {@code parent} with the given weights. */
  public static DjlNetwork create(NDManager parent, Network network, Weights weights) {
    NDManager sub = parent.newSubManager();
    try {
      DjlNetwork net = new DjlNetwork(network, sub);
      for (ParamSpec spec : net.specs) {
        float[] v = checked(spec, weights);
        NDArray array = TorchArrays.copyOf(sub, v, new Shape(spec.shape().stream().mapToLong(Integer::longValue).toArray()));
        if (spec.role().trainable()) array.setRequiresGradient(true);
        net.byName.get(spec.name()).setArray(array);
      }
      return net;
    } catch (RuntimeException e) {
      sub.close();
      throw e;
    }
  }

  private static float[] checked(ParamSpec spec, Weights weights) {
    float[] v = weights.get(spec.name());
    if (v.length != spec.size()) {
      throw new IllegalArgumentException(spec.name() + " needs " + spec.size() + " values " + spec.shape() + ", got " + v.length);
    }
    return v;
  }

  private static Parameter.Type type(ParamSpec.Role role) {
    return switch (role) {
      case WEIGHT -> Parameter.Type.WEIGHT;
      case BIAS -> Parameter.Type.BIAS;
      case BN_GAMMA -> Parameter.Type.GAMMA;
      case BN_BETA -> Parameter.Type.BETA;
      case BN_MEAN -> Parameter.Type.RUNNING_MEAN;
      case BN_VAR -> Parameter.Type.RUNNING_VAR;
      case FIXED -> Parameter.Type.OTHER;
    };
  }

  public Network network() {
    return network;
  }

  public DetectGeometry geometry() {
    return geometry;
  }

  /** The manager that owns the parameters (create inputs in a sub-manager of it). */
  public NDManager manager() {
    return manager;
  }

  /** The parameter specs in op order. */
  public List<ParamSpec> specs() {
    return specs;
  }

  /** The live array of a parameter or buffer. */
  public NDArray array(String name) {
    Parameter p = byName.get(name);
    if (p == null) throw new IllegalArgumentException("no parameter " + name);
    return p.getArray();
  }

  /** Copies the given weights into the live parameters (in place). */
  public void loadWeights(Weights weights) {
    for (ParamSpec spec : specs) array(spec.name()).set(checked(spec, weights));
  }

  /** Every parameter and buffer (BN running mean/var included) as host values. */
  public Weights readWeights() {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ParamSpec spec : specs) out.put(spec.name(), array(spec.name()).toFloatArray());
    return new Weights(out);
  }

  /** Inference: [B, 4+nc, anchors] from images [B, 3, S, S]. */
  public NDArray infer(NDArray images) {
    return forward(store, new NDList(images), false, null).head();
  }

  /** Training-mode forward: the raw Detect maps, box then class per level. */
  public NDList forwardRaw(NDArray images) {
    return forward(store, new NDList(images), true, null);
  }

  /**
   * One batch of BatchNorm recalibration: a training-mode forward (no graph is recorded, no
   * parameter changes) that moves every running mean and variance towards this batch's statistics
   * by {@code momentum}. With momentum 1/(k+1) for the k-th batch (k from 0) the running statistics
   * end as the plain average over the batches, matched to the final weights.
   */
  public void recalibrateBatchNorm(NDArray images, float momentum) {
    if (!(momentum > 0 && momentum <= 1)) throw new IllegalArgumentException("momentum must be in (0, 1], was " + momentum);
    float usual = bnMomentum;
    bnMomentum = momentum;
    try {
      run(images, true, true);
    } finally {
      bnMomentum = usual;
    }
  }

  /**
   * Inference-mode forward (running BatchNorm statistics, no statistics update) returning the raw
   * Detect maps as {@link #forwardRaw} does: a teacher's view of a batch for distillation.
   */
  public NDList inferRaw(NDArray images) {
    return run(images, false, true);
  }

  /**
   * An inference-mode forward (running statistics, nothing updated) that records, for every
   * BatchNorm, the per-channel mean and biased variance of its input over these images: the
   * statistics a training-mode forward would normalise this batch with.
   */
  public Map<String, float[][]> batchNormInputStatistics(NDArray images) {
    normInputs = new LinkedHashMap<>();
    try {
      run(images, false, true);
      return normInputs;
    } finally {
      normInputs = null;
    }
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return run(inputs.head(), training, training);
  }

  private NDList run(NDArray image, boolean training, boolean raw) {
    var in = network.shape(network.input());
    Shape s = image.getShape();
    if (s.dimension() != 4 || s.get(1) != in.c() || s.get(2) != in.h() || s.get(3) != in.w()) {
      throw new IllegalArgumentException("input must be [B, " + in.c() + ", " + in.h() + ", " + in.w() + "], was " + s);
    }
    NDArray[] t = new NDArray[network.shapes().size()];
    t[network.input()] = image;
    for (Op op : network.ops()) {
      switch (op) {
        case Op.Conv c -> t[c.output()] = conv(c, t[c.input()], training);
        case Op.RepConv r -> t[r.output()] = repConv(r, t[r.input()], training);
        case Op.Pool p -> t[p.output()] = DjlOps.pool(t[p.input()], p);
        case Op.GlobalAvgPool g -> t[g.output()] = t[g.input()].mean(new int[] {3}, true).mean(new int[] {2}, true);
        case Op.Upsample u -> t[u.output()] = DjlOps.upsample(t[u.input()], u.scale());
        case Op.Concat c -> t[c.output()] = DjlOps.concat(c.inputs().stream().map(i -> t[i]).toList());
        case Op.Add a -> t[a.output()] = t[a.a()].add(t[a.b()]);
        case Op.Mul m -> t[m.output()] = t[m.a()].mul(t[m.b()]);
        case Op.Slice sl -> t[sl.output()] = DjlOps.slice(t[sl.input()], sl.from(), sl.to());
        case Op.Shuffle sh -> t[sh.output()] = DjlOps.shuffle(t[sh.input()], sh.groups());
        case Op.Activation a -> t[a.output()] = DjlOps.activation(t[a.input()], a.act());
        case Op.Softmax sm -> t[sm.output()] = t[sm.input()].softmax(1);
        case Op.Attention at -> t[at.output()] = DjlOps.attention(t[at.input()], at);
        case Op.Detect d -> {
          NDList maps = new NDList(d.inputs().stream().map(i -> t[i]).toList());
          return raw ? maps : new NDList(DetectDecode.decode(maps, array(d.name() + ".dfl.weight"), geometry));
        }
      }
    }
    throw new IllegalStateException("network has no Detect op");
  }

  /**
   * From now on the training-mode forward rounds the weights of these convolutions to their int8
   * grid ({@link WeightFakeQuant}); inference mode is unaffected (the exporter quantizes).
   */
  public void fakeQuantizeWeights(Set<String> convs) {
    fakeQuantized = Set.copyOf(convs);
  }

  private NDArray conv(Op.Conv c, NDArray x, boolean training) {
    NDArray w = array(c.name() + ".weight");
    if (training && fakeQuantized.contains(c.name())) w = WeightFakeQuant.int8PerChannel(w);
    NDArray y = DjlOps.conv(x, w, c.bias() ? array(c.name() + ".bias") : null,
        c.k(), c.stride(), c.padding(), c.groups());
    if (c.bn()) y = norm(y, c.name() + ".bn", training);
    return DjlOps.activation(y, c.act());
  }

  /** The training-time form: every branch convolved and normalised separately, then summed. */
  private NDArray repConv(Op.RepConv r, NDArray x, boolean training) {
    List<NDArray> terms = new ArrayList<>();
    for (int i = 0; i < r.branches(); i++) {
      String b = r.name() + ".rep." + i;
      NDArray y = DjlOps.conv(x, array(b + ".weight"), null, r.k(), r.stride(), r.k() / 2, r.groups());
      terms.add(norm(y, b + ".bn", training));
    }
    if (r.scaleBranch()) {
      NDArray y = DjlOps.conv(x, array(r.name() + ".scale.weight"), null, 1, r.stride(), 0, r.groups());
      terms.add(norm(y, r.name() + ".scale.bn", training));
    }
    if (r.identityBranch()) terms.add(norm(x, r.name() + ".skip.bn", training));
    NDArray sum = terms.getFirst();
    for (int i = 1; i < terms.size(); i++) sum = sum.add(terms.get(i));
    return DjlOps.activation(sum, r.act());
  }

  private NDArray norm(NDArray x, String prefix, boolean training) {
    NDArray[] bn = {array(prefix + ".weight"), array(prefix + ".bias"), array(prefix + ".mean"), array(prefix + ".var")};
    if (normInputs != null) {
      NDArray mean = perChannelMean(x);
      NDArray var = perChannelMean(x.sub(mean).square());
      normInputs.put(prefix, new float[][] {mean.toFloatArray(), var.toFloatArray()});
    }
    return DjlOps.batchNorm(x, bn, training, bnMomentum);
  }

  /** The mean over batch and space, [1, C, 1, 1] (one axis at a time: the engine reduces one axis per call). */
  private static NDArray perChannelMean(NDArray x) {
    return x.mean(new int[] {3}, true).mean(new int[] {2}, true).mean(new int[] {0}, true);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    var out = network.shape(network.output());
    return new Shape[] {new Shape(inputShapes[0].get(0), out.c(), out.w())};
  }

  @Override
  public void close() {
    manager.close();
  }
}
