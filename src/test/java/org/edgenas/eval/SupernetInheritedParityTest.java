package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.compress.Importance;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.DjlNetwork;
import org.junit.jupiter.api.Test;

/**
 * A path inherited from a supernet is an ordinary network: its DJL forward (inference mode) equals
 * its exported ONNX in ONNX Runtime, for sampled yolo-lite paths covering every block kind (narrow
 * and shallow ones among them, so the slices are exercised) and for sampled tiny paths.
 */
class SupernetInheritedParityTest {
  static final int SIZE = 64;

  @Test
  void inheritedYoloLitePathsAgreeForEveryBlockKind() throws Exception {
    SupernetSpace lite = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 3), 3);
    Set<BlockKind> covered = EnumSet.noneOf(BlockKind.class);
    SplittableRandom random = new SplittableRandom(21);
    SharedWeights shared = new SharedWeights();
    List<Architecture> paths = new ArrayList<>();
    for (int tries = 0; tries < 200 && !covered.containsAll(liteKinds()); tries++) {
      Architecture a = lite.path(lite.space().samplePicks(random));
      if (a.layers().stream().allMatch(l -> covered.contains(l.kind()))) continue;
      paths.add(a);
      a.layers().forEach(l -> covered.add(l.kind()));
    }
    assertTrue(covered.containsAll(liteKinds()), "covered " + covered);
    paths.add(lite.path(lite.smallestPicks(random)));
    paths.add(lite.path(lite.largestPicks(random)));
    for (Architecture a : paths) PathSlices.of(lite, a, SIZE, shared, Importance.ORDER, 5);
    randomizeBatchNorm(shared);
    for (Architecture a : paths) assertParity(shared.extract(PathSlices.of(lite, a, SIZE, shared, Importance.ORDER, 5)), a);
  }

  @Test
  void inheritedTinyPathsAgree() throws Exception {
    SupernetSpace tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
    SharedWeights shared = new SharedWeights();
    SplittableRandom random = new SplittableRandom(8);
    List<Architecture> paths = new ArrayList<>();
    for (int i = 0; i < 6; i++) paths.add(tiny.path(tiny.space().samplePicks(random)));
    for (Architecture a : paths) PathSlices.of(tiny, a, SIZE, shared, Importance.ORDER, 2);
    randomizeBatchNorm(shared);
    for (Architecture a : paths) assertParity(shared.extract(PathSlices.of(tiny, a, SIZE, shared, Importance.L1_BN_SCALED, 2)), a);
  }

  private static Set<BlockKind> liteKinds() {
    return EnumSet.of(BlockKind.CONV, BlockKind.ADOWN, BlockKind.C3K2, BlockKind.GHOST_V3, BlockKind.DSCONV,
        BlockKind.SHUFFLE_V2, BlockKind.CSPPC, BlockKind.FASTER, BlockKind.SE, BlockKind.SPPF, BlockKind.C2PSA,
        BlockKind.UPSAMPLE, BlockKind.CONCAT, BlockKind.ASFF, BlockKind.DETECT);
  }

  /** Random BatchNorm statistics and affine terms in every shared tensor, so that folding is exercised. */
  private static void randomizeBatchNorm(SharedWeights shared) {
    SplittableRandom random = new SplittableRandom(11);
    for (SharedWeights.Tensor t : shared.tensors().values()) {
      float[] v = t.values();
      double lo = 0, hi = 0;
      switch (t.role()) {
        case BN_GAMMA, BN_VAR -> { lo = 0.5; hi = 1.5; }
        case BN_BETA -> { lo = -0.2; hi = 0.2; }
        case BN_MEAN -> { lo = -0.1; hi = 0.1; }
        default -> { continue; }
      }
      for (int i = 0; i < v.length; i++) v[i] = (float) (lo + random.nextDouble() * (hi - lo));
    }
  }

  private static void assertParity(Weights weights, Architecture arch) throws Exception {
    Network net = arch.lower(SIZE);
    for (ParamSpec p : ParamSpec.of(net)) assertEquals(p.size(), weights.get(p.name()).length, p.name());
    float[] image = new float[3 * SIZE * SIZE];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    float[] djl;
    try (NDManager manager = NDManager.newBaseManager(); DjlNetwork network = DjlNetwork.create(manager, net, weights)) {
      djl = network.infer(manager.create(image, new ai.djl.ndarray.types.Shape(1, 3, SIZE, SIZE))).toFloatArray();
    }
    byte[] onnx = OnnxExporter.export(net, weights, ExportOptions.defaults().withBits(32));
    float[] ort;
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, SIZE, SIZE});
        OrtSession.Result result = session.run(Map.of("images", input))) {
      FloatBuffer buffer = ((OnnxTensor) result.get(0)).getFloatBuffer();
      ort = new float[buffer.remaining()];
      buffer.get(ort);
    }
    assertEquals(ort.length, djl.length, arch.hash());
    double scale = 0, worst = 0;
    for (int i = 0; i < ort.length; i++) {
      scale = Math.max(scale, Math.abs(ort[i]));
      worst = Math.max(worst, Math.abs(ort[i] - djl[i]));
    }
    assertTrue(worst <= 1e-4 * Math.max(1, scale), arch.hash() + ": max |DJL − ORT| " + worst + " for outputs up to " + scale);
  }
}
