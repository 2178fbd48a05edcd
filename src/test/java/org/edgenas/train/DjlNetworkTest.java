package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Act;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DjlNetworkTest {
  private static NDManager root;

  @BeforeAll
  static void engine() {
    root = NDManager.newBaseManager("PyTorch");
  }

  @AfterAll
  static void close() {
    root.close();
  }

  static float[] noise(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < v.length; i++) v[i] = (float) r.nextDouble();
    return v;
  }

  @Test
  void everyBlockAndOpKindRunsInBothModesWithTheNetworksShapes() {
    List<Architecture> archs = CoveringArchitectures.pick();
    Set<String> covered = new HashSet<>();
    for (Architecture a : archs) covered.addAll(CoveringArchitectures.features(a));
    Set<String> ops = CoveringArchitectures.allOpKinds();
    ops.remove("op:Activation"); // no block emits a standalone activation; see activationsMatchTheirDefinitions
    assertTrue(covered.containsAll(ops), "ops covered: " + covered);
    System.out.println("forward over " + archs.size() + " architectures, blocks " + CoveringArchitectures.blockKinds(archs));
    int s = CoveringArchitectures.IMGSZ;
    for (Architecture a : archs) {
      Network net = a.lower(s);
      try (DjlNetwork djl = DjlNetwork.create(root, net, Weights.init(net, 1));
          NDManager step = djl.manager().newSubManager()) {
        NDArray images = step.create(noise(2 * 3 * s * s, 3), new Shape(2, 3, s, s));
        NDArray out = djl.infer(images);
        var expected = net.shape(net.output());
        assertEquals(new Shape(2, expected.c(), expected.w()), out.getShape(), a.name());
        for (float v : out.toFloatArray()) assertTrue(Float.isFinite(v), a.name() + " output not finite");
        NDList raw = djl.forwardRaw(images);
        DetectGeometry g = djl.geometry();
        assertEquals(2 * g.levels(), raw.size());
        for (int l = 0; l < g.levels(); l++) {
          assertEquals(new Shape(2, 4 * g.regMax(), g.heights()[l], g.widths()[l]), raw.get(2 * l).getShape());
          assertEquals(new Shape(2, g.nc(), g.heights()[l], g.widths()[l]), raw.get(2 * l + 1).getShape());
        }
      }
    }
  }

  @Test
  void readWeightsAfterLoadWeightsGivesTheSameValues() {
    Architecture a = CoveringArchitectures.pick().getFirst();
    Network net = a.lower(CoveringArchitectures.IMGSZ);
    Map<String, float[]> random = new LinkedHashMap<>();
    int i = 0;
    for (ParamSpec p : ParamSpec.of(net)) random.put(p.name(), noise(p.size(), i++));
    Weights w = new Weights(random);
    try (DjlNetwork djl = DjlNetwork.create(root, net, Weights.init(net, 5))) {
      djl.loadWeights(w);
      Weights back = djl.readWeights();
      assertEquals(w.values().keySet(), back.values().keySet());
      for (String name : w.values().keySet()) assertArrayEquals(w.get(name), back.get(name), name);
    }
  }

  @Test
  void inferenceDependsOnRunningStatisticsAndTrainingUpdatesThem() {
    Architecture a = CoveringArchitectures.pick().getFirst();
    Network net = a.lower(CoveringArchitectures.IMGSZ);
    int s = CoveringArchitectures.IMGSZ;
    try (DjlNetwork djl = DjlNetwork.create(root, net, Weights.init(net, 5));
        NDManager step = djl.manager().newSubManager()) {
      String mean = ParamSpec.of(net).stream().filter(p -> p.role() == ParamSpec.Role.BN_MEAN).findFirst().orElseThrow().name();
      NDArray images = step.create(noise(4 * 3 * s * s, 9), new Shape(4, 3, s, s));
      float[] before = djl.infer(images).toFloatArray();
      assertArrayEquals(new float[djl.array(mean).toFloatArray().length], djl.array(mean).toFloatArray());
      djl.forwardRaw(images);
      float[] updated = djl.array(mean).toFloatArray();
      // image pixels are in [0, 1), so the first conv's batch mean is non-zero; new = 0.97·0 + 0.03·batch
      assertTrue(java.util.Arrays.stream(toDouble(updated)).anyMatch(v -> Math.abs(v) > 1e-4), "running mean not updated");
      float[] after = djl.infer(images).toFloatArray();
      assertTrue(maxAbsDiff(before, after) > 1e-6, "inference ignores running statistics");
    }
  }

  @Test
  void activationsMatchTheirDefinitions() {
    try (NDManager m = root.newSubManager()) {
      float[] x = {-4f, -1f, 0f, 0.5f, 3f};
      NDArray in = m.create(x);
      for (Act act : Act.values()) {
        float[] y = DjlOps.activation(in, act).toFloatArray();
        for (int i = 0; i < x.length; i++) {
          double v = x[i];
          double want = switch (act) {
            case NONE -> v;
            case SILU -> v / (1 + Math.exp(-v));
            case RELU -> Math.max(0, v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case HARD_SIGMOID -> Math.min(6, Math.max(0, v + 3)) / 6;
          };
          assertEquals(want, y[i], 1e-6, act + "(" + v + ")");
        }
      }
    }
  }

  static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }
}
