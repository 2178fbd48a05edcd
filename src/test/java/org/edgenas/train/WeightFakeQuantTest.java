package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class WeightFakeQuantTest {
  @Test
  void valuesLieOnThePerChannelInt8GridAndTheGradientPassesStraightThrough() {
    float[] w = {0.5f, -0.25f, 0.1f, 0.3f, /* channel 1 */ 0.02f, 0.01f, -0.013f, 0.0049f, /* channel 2 */ 0, 0, 0, 0};
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray weight = m.create(w, new Shape(3, 4, 1, 1));
      weight.setRequiresGradient(true);
      NDArray coefficients = m.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new Shape(3, 4, 1, 1));
      NDArray q;
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        q = WeightFakeQuant.int8PerChannel(weight);
        c.backward(q.mul(coefficients).sum());
      }
      JniUtils.setGradMode(false);
      float[] expected = new float[w.length];
      for (int ch = 0; ch < 3; ch++) {
        float max = 0;
        for (int i = 0; i < 4; i++) max = Math.max(max, Math.abs(w[4 * ch + i]));
        float scale = max > 0 ? max / 127f : 1f;  // the exporter's Qdq.weightScales
        for (int i = 0; i < 4; i++) expected[4 * ch + i] = Math.max(-127, Math.min(127, Math.round(w[4 * ch + i] / scale))) * scale;
      }
      assertArrayEquals(expected, q.toFloatArray(), 1e-7f);
      assertEquals(0.5f, q.toFloatArray()[0], 1e-7f, "the channel's largest weight is exact");
      assertTrue(Math.abs(q.toFloatArray()[2] - 0.1f) > 1e-4, "0.1 is not on the grid of max 0.5: " + q.toFloatArray()[2]);
      assertArrayEquals(coefficients.toFloatArray(), weight.getGradient().toFloatArray(), 0f, "straight-through gradient");
    }
  }

  @Test
  void aFakeQuantizedTrainingForwardIsTheForwardOfTheRoundedWeights() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Architecture base = tiny.freeze(tiny.defaultPicks());
    Architecture int8 = new Architecture(base.name(), base.nc(), base.imgsz(), base.layers().stream().map(l -> l.withBits(8)).toList(),
        base.provenance());
    Network net = int8.lower(64);
    Set<String> convs = WeightFakeQuant.int8Convs(net);
    assertEquals(net.ops().stream().filter(op -> op instanceof Op.Conv).count(), convs.size(), "every plain conv of an all-int8 net");
    Weights weights = Weights.init(net, 3);
    Map<String, float[]> rounded = new HashMap<>(weights.values());
    for (String conv : convs) rounded.put(conv + ".weight", rounded(weights.get(conv + ".weight"), net, conv));
    float[] image = new float[2 * 3 * 64 * 64];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      JniUtils.setGradMode(false);
      float[] fake;
      try (DjlNetwork a = DjlNetwork.create(root, net, weights)) {
        a.fakeQuantizeWeights(convs);
        fake = a.forwardRaw(root.create(image, new Shape(2, 3, 64, 64))).head().toFloatArray();
      }
      float[] plainRounded;
      try (DjlNetwork b = DjlNetwork.create(root, net, new Weights(rounded))) {
        plainRounded = b.forwardRaw(root.create(image, new Shape(2, 3, 64, 64))).head().toFloatArray();
      }
      float[] plainFloat;
      try (DjlNetwork c = DjlNetwork.create(root, net, weights)) {
        plainFloat = c.forwardRaw(root.create(image, new Shape(2, 3, 64, 64))).head().toFloatArray();
      }
      assertArrayEquals(plainRounded, fake, 1e-4f);
      double diff = 0;
      for (int i = 0; i < fake.length; i++) diff = Math.max(diff, Math.abs(fake[i] - plainFloat[i]));
      assertTrue(diff > 1e-4, "rounding changes the output (max diff " + diff + ")");
    }
  }

  private static float[] rounded(float[] w, Network net, String conv) {
    int cout = net.ops().stream().filter(op -> op instanceof Op.Conv c && c.name().equals(conv)).map(op -> ((Op.Conv) op).cout())
        .findFirst().orElseThrow();
    int per = w.length / cout;
    float[] out = new float[w.length];
    for (int o = 0; o < cout; o++) {
      float max = 0;
      for (int i = 0; i < per; i++) max = Math.max(max, Math.abs(w[o * per + i]));
      float scale = max > 0 ? max / 127f : 1f;
      for (int i = 0; i < per; i++) out[o * per + i] = Math.max(-127, Math.min(127, Math.round(w[o * per + i] / scale))) * scale;
    }
    return out;
  }
}
