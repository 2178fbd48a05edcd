package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/** BatchNorm recalibration after a proxy training: running statistics re-estimated, parameters untouched. */
class BatchNormRecalibrationTest {
  private static final int SIZE = 64;

  /** spaces/tiny.yaml's default architecture at 64 px (shared by the training tests of this package). */
  static Network tinyNetwork() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    return tiny.freeze(tiny.defaultPicks()).lower(SIZE);
  }

  @Test
  void runningStatisticsBecomeThePlainAverageOfTheBatches() {
    Network network = tinyNetwork();
    Op.Conv first = (Op.Conv) network.ops().getFirst();
    SquaresSource source = new SquaresSource(SIZE);
    SplittableRandom random = new SplittableRandom(5);
    try (NDManager root = NDManager.newBaseManager("PyTorch");
        DjlNetwork net = DjlNetwork.create(root, network, Weights.init(network, 3))) {
      JniUtils.setGradMode(false);
      NDArray a = source.next(4, random).imagesOn(net.manager()), b = source.next(4, random).imagesOn(net.manager());
      // the first convolution's output does not depend on any BatchNorm: its per-channel batch mean is known
      float[] meanA = firstConvChannelMean(net, first, a), meanB = firstConvChannelMean(net, first, b);
      net.recalibrateBatchNorm(a, 1f);
      assertArrayEquals(meanA, net.array(first.name() + ".bn.mean").toFloatArray(), 1e-5f, "momentum 1: this batch alone");
      net.recalibrateBatchNorm(b, 0.5f);
      float[] expected = new float[meanA.length];
      for (int c = 0; c < expected.length; c++) expected[c] = (meanA[c] + meanB[c]) / 2;
      assertArrayEquals(expected, net.array(first.name() + ".bn.mean").toFloatArray(), 1e-5f, "momentum 1/2: the average of two");
      assertThrows(IllegalArgumentException.class, () -> net.recalibrateBatchNorm(a, 0f));
    }
  }

  @Test
  void recalibrationChangesRunningStatisticsOnlyAfterTheSameTraining() {
    Network network = tinyNetwork();
    ProxySettings plain = ProxyTrainerTest.profile(20, 4);
    ProxySettings recalibrated = new ProxySettings("test", SIZE, 20, 0, 4, plain.lr0(), plain.lrf(), plain.warmupSteps(),
        plain.warmupBiasLr(), plain.momentum(), plain.weightDecay(), plain.cosine(), plain.subset(), plain.threads(), plain.seed(),
        plain.augment(), plain.optimizer(), 8);
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      Weights init = Weights.init(network, 1);
      Weights a = new ProxyTrainer(plain, root).train(network, init, new SquaresSource(SIZE), x -> {}).weights();
      Weights b = new ProxyTrainer(recalibrated, root).train(network, init, new SquaresSource(SIZE), x -> {}).weights();
      int statisticsChanged = 0;
      for (ParamSpec spec : ParamSpec.of(network)) {
        boolean statistic = spec.role() == ParamSpec.Role.BN_MEAN || spec.role() == ParamSpec.Role.BN_VAR;
        if (!statistic) {
          assertArrayEquals(a.get(spec.name()), b.get(spec.name()), spec.name() + " is a parameter: recalibration must not move it");
        } else if (!Arrays.equals(a.get(spec.name()), b.get(spec.name()))) {
          statisticsChanged++;
        }
      }
      long statistics = ParamSpec.of(network).stream()
          .filter(s -> s.role() == ParamSpec.Role.BN_MEAN || s.role() == ParamSpec.Role.BN_VAR).count();
      assertEquals(statistics, statisticsChanged, "every running mean and variance re-estimated");
      assertFalse(statistics == 0);
    }
  }

  @Test
  void recalibratedStatisticsDependOnTheWeightsAndBatchesNotOnTheStatisticsTheyCameWith() {
    Network network = tinyNetwork();
    Weights init = Weights.init(network, 2);
    java.util.Map<String, float[]> skewed = new java.util.LinkedHashMap<>();
    for (ParamSpec spec : ParamSpec.of(network)) {
      float[] v = init.get(spec.name()).clone();
      if (spec.role() == ParamSpec.Role.BN_MEAN) Arrays.fill(v, 3f);
      if (spec.role() == ParamSpec.Role.BN_VAR) Arrays.fill(v, 7f);
      skewed.put(spec.name(), v);
    }
    Weights other = new Weights(skewed);
    var batches = BatchNormRecalibration.draw(new SquaresSource(SIZE), 3, 4, 11L);
    Weights a = BatchNormRecalibration.recalibrate(network, init, batches, 1);
    Weights b = BatchNormRecalibration.recalibrate(network, other, batches, 1);
    int statistics = 0;
    for (ParamSpec spec : ParamSpec.of(network)) {
      boolean statistic = spec.role() == ParamSpec.Role.BN_MEAN || spec.role() == ParamSpec.Role.BN_VAR;
      assertArrayEquals(a.get(spec.name()), b.get(spec.name()), spec.name());
      if (statistic) {
        statistics++;
        assertFalse(Arrays.equals(init.get(spec.name()), a.get(spec.name())), spec.name() + " was re-estimated");
      } else {
        assertArrayEquals(init.get(spec.name()), a.get(spec.name()), spec.name() + " is a parameter: recalibration must not move it");
      }
    }
    assertFalse(statistics == 0);
  }

  private static float[] firstConvChannelMean(DjlNetwork net, Op.Conv c, NDArray images) {
    NDArray y = DjlOps.conv(images, net.array(c.name() + ".weight"), null, c.k(), c.stride(), c.padding(), c.groups());
    return y.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0}).toFloatArray();
  }
}
