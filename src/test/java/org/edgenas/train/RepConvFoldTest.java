package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/**
 * The DJL RepConv (branches convolved and normalised separately, summed) equals one convolution
 * with the kernel and bias folded in plain Java here: the whole network is run twice, once as
 * built and once with every RepConv replaced by a biased Conv carrying the folded values.
 */
class RepConvFoldTest {
  @Test
  void branchSumEqualsTheFoldedConvolution() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    SplittableRandom random = new SplittableRandom(11);
    Architecture arch = null;
    while (arch == null) {
      Architecture a = tiny.freeze(tiny.samplePicks(random));
      if (a.lower(64).ops().stream().filter(o -> o instanceof Op.RepConv r && r.identityBranch()).count() > 0) arch = a;
    }
    Network net = arch.lower(64);
    Weights weights = randomWeights(net, new SplittableRandom(3));
    List<Op> foldedOps = new ArrayList<>();
    Map<String, float[]> folded = new LinkedHashMap<>(weights.values());
    int repConvs = 0;
    for (Op op : net.ops()) {
      if (op instanceof Op.RepConv r) {
        repConvs++;
        foldedOps.add(new Op.Conv(r.layer(), r.name() + ".fold", r.input(), r.output(), r.cin(), r.cout(), r.k(), r.stride(),
            r.groups(), true, false, r.act()));
        fold(r, weights, folded);
      } else {
        foldedOps.add(op);
      }
    }
    Network foldedNet = new Network(arch, 64, foldedOps, net.shapes(), net.input(), net.output(), net.layerOutputs());
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DjlNetwork branches = DjlNetwork.create(root, net, weights);
        DjlNetwork single = DjlNetwork.create(root, foldedNet, new Weights(folded))) {
      NDArray images = root.create(DjlNetworkTest.noise(2 * 3 * 64 * 64, 4), new Shape(2, 3, 64, 64));
      float[] a = branches.infer(images).toFloatArray();
      float[] b = single.infer(images).toFloatArray();
      double worst = 0;
      for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-3 + Math.abs(b[i])));
      System.out.println(repConvs + " RepConvs folded; worst relative difference " + worst);
      assertTrue(worst < 1e-4, "folded output differs by " + worst);
    }
  }

  /** Weights with non-trivial BatchNorm statistics, so every BN term of the fold matters. */
  static Weights randomWeights(Network net, SplittableRandom r) {
    Map<String, float[]> out = new LinkedHashMap<>(Weights.init(net, 2).values());
    for (ParamSpec p : ParamSpec.of(net)) {
      float[] v = out.get(p.name());
      for (int i = 0; i < v.length; i++) {
        switch (p.role()) {
          case BN_GAMMA -> v[i] = (float) (0.5 + r.nextDouble());
          case BN_BETA, BN_MEAN -> v[i] = (float) (r.nextDouble() - 0.5);
          case BN_VAR -> v[i] = (float) (0.3 + r.nextDouble());
          default -> {}
        }
      }
    }
    return new Weights(out);
  }

  private static void fold(Op.RepConv r, Weights w, Map<String, float[]> out) {
    int k = r.k(), perIn = r.cin() / r.groups(), c = r.cout();
    float[] kernel = new float[c * perIn * k * k];
    float[] bias = new float[c];
    for (int b = 0; b < r.branches(); b++) {
      String p = r.name() + ".rep." + b;
      addBranch(kernel, bias, w.get(p + ".weight"), k, w, p + ".bn", c, perIn, k);
    }
    if (r.scaleBranch()) addBranch(kernel, bias, w.get(r.name() + ".scale.weight"), 1, w, r.name() + ".scale.bn", c, perIn, k);
    if (r.identityBranch()) {
      float[] id = new float[c * perIn];
      for (int o = 0; o < c; o++) id[o * perIn + o % perIn] = 1;
      addBranch(kernel, bias, id, 1, w, r.name() + ".skip.bn", c, perIn, k);
    }
    out.put(r.name() + ".fold.weight", kernel);
    out.put(r.name() + ".fold.bias", bias);
  }

  /** Adds BN(conv with a kb×kb kernel) to the k×k folded kernel, centred. */
  private static void addBranch(float[] kernel, float[] bias, float[] branch, int kb, Weights w, String bn,
      int c, int perIn, int k) {
    float[] gamma = w.get(bn + ".weight"), beta = w.get(bn + ".bias"), mean = w.get(bn + ".mean"), var = w.get(bn + ".var");
    int off = (k - kb) / 2;
    for (int o = 0; o < c; o++) {
      double scale = gamma[o] / Math.sqrt(var[o] + Weights.BN_EPS);
      bias[o] += (float) (beta[o] - mean[o] * scale);
      for (int i = 0; i < perIn; i++) {
        for (int y = 0; y < kb; y++) {
          for (int x = 0; x < kb; x++) {
            kernel[((o * perIn + i) * k + y + off) * k + x + off] += (float) (branch[((o * perIn + i) * kb + y) * kb + x] * scale);
          }
        }
      }
    }
  }
}
