package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.train.DjlNetwork;
import org.junit.jupiter.api.Test;

/**
 * The DJL network (inference mode, BatchNorm with running statistics, re-parameterisable branches
 * unfolded) and ONNX Runtime on the exported file (BatchNorm and branches folded) agree within
 * 1e-4 relative on random input, for every block kind and for the reference architectures.
 */
class DjlOnnxParityTest {
  static final int SIZE = 64;

  @Test
  void everyBlockKindAgrees() throws Exception {
    SearchSpace lite = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 3);
    Set<BlockKind> covered = EnumSet.noneOf(BlockKind.class);
    SplittableRandom random = new SplittableRandom(5);
    int checked = 0;
    while (checked < 12 && !covered.containsAll(liteKinds())) {
      Architecture arch = lite.freeze(lite.samplePicks(random)).uncompressed();
      boolean adds = arch.layers().stream().anyMatch(l -> !covered.contains(l.kind()));
      if (!adds) continue;
      assertParity(arch);
      arch.layers().forEach(l -> covered.add(l.kind()));
      checked++;
    }
    assertTrue(covered.containsAll(liteKinds()), "covered " + covered);
  }

  @Test
  void referencesAgree() throws Exception {
    for (String ref : new String[] {"yolo11n", "yolov8n"}) {
      SearchSpace space = SpaceLoader.load(Path.of("spaces/reference/" + ref + ".yaml"), 3);
      assertParity(space.freeze(space.defaultPicks()));
    }
  }

  private static Set<BlockKind> liteKinds() {
    return EnumSet.of(BlockKind.CONV, BlockKind.ADOWN, BlockKind.C3K2, BlockKind.GHOST_V3, BlockKind.DSCONV,
        BlockKind.SHUFFLE_V2, BlockKind.CSPPC, BlockKind.FASTER, BlockKind.SE, BlockKind.SPPF, BlockKind.C2PSA,
        BlockKind.UPSAMPLE, BlockKind.CONCAT, BlockKind.ASFF, BlockKind.DETECT);
  }

  static void assertParity(Architecture arch) throws Exception {
    Network net = arch.lower(SIZE);
    Weights weights = withRandomBatchNorm(net, Weights.init(net, 3));
    float[] image = new float[3 * SIZE * SIZE];
    SplittableRandom random = new SplittableRandom(9);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    float[] djl;
    try (NDManager manager = NDManager.newBaseManager(); DjlNetwork network = DjlNetwork.create(manager, net, weights)) {
      NDArray out = network.infer(manager.create(image, new ai.djl.ndarray.types.Shape(1, 3, SIZE, SIZE)));
      djl = out.toFloatArray();
    }
    byte[] onnx = OnnxExporter.export(net, weights, ExportOptions.defaults().withBits(32));
    float[] ort;
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, SIZE, SIZE});
        OrtSession.Result result = session.run(Map.of("images", input))) {
      float[][][] v = (float[][][]) result.get(0).getValue();
      ort = new float[v[0].length * v[0][0].length];
      for (int r = 0; r < v[0].length; r++) System.arraycopy(v[0][r], 0, ort, r * v[0][0].length, v[0][0].length);
    }
    assertEquals(ort.length, djl.length, arch.hash());
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < ort.length; i++) {
      scale = Math.max(scale, Math.abs(ort[i]));
      worst = Math.max(worst, Math.abs(ort[i] - djl[i]));
    }
    assertTrue(worst <= 1e-4 * Math.max(1, scale), arch.name() + " " + arch.hash() + ": max |DJL − ORT| " + worst + " for outputs up to " + scale);
  }

  /** Random BatchNorm statistics and affine terms, so that folding is really exercised. */
  static Weights withRandomBatchNorm(Network net, Weights w) {
    SplittableRandom random = new SplittableRandom(11);
    Map<String, float[]> changed = new HashMap<>();
    for (ParamSpec p : ParamSpec.of(net)) {
      float[] v = w.get(p.name()).clone();
      switch (p.role()) {
        case BN_GAMMA -> fill(v, random, 0.5, 1.5);
        case BN_BETA -> fill(v, random, -0.2, 0.2);
        case BN_MEAN -> fill(v, random, -0.1, 0.1);
        case BN_VAR -> fill(v, random, 0.5, 1.5);
        default -> {
          continue;
        }
      }
      changed.put(p.name(), v);
    }
    return w.with(changed);
  }

  private static void fill(float[] v, SplittableRandom random, double lo, double hi) {
    for (int i = 0; i < v.length; i++) v[i] = (float) (lo + random.nextDouble() * (hi - lo));
  }
}
