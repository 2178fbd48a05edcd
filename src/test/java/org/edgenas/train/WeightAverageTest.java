package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;

/** The exponential moving average of the weights: its arithmetic, and that a proxy training really ends on it. */
class WeightAverageTest {
  private static final int SIZE = 64;

  @Test
  void averageFollowsTheRampedDecayOverParametersAndRunningStatistics() {
    Network network = BatchNormRecalibrationTest.tinyNetwork();
    Weights w0 = Weights.init(network, 1), w1 = Weights.init(network, 2), w2 = Weights.init(network, 3);
    ProxySettings.Ema ema = new ProxySettings.Ema(0.9, 2);
    try (NDManager root = NDManager.newBaseManager("PyTorch"); DjlNetwork net = DjlNetwork.create(root, network, w0)) {
      JniUtils.setGradMode(false);
      try (WeightAverage average = new WeightAverage(net, ema)) {
        net.loadWeights(w1);
        average.update();
        net.loadWeights(w2);
        average.update();
        assertEquals(2, average.updates());
        average.copyIntoNetwork();
      }
      double d1 = ema.decayAt(1), d2 = ema.decayAt(2);
      Weights out = net.readWeights();
      int statistics = 0;
      for (ParamSpec spec : ParamSpec.of(network)) {
        float[] a = w0.get(spec.name()), b = w1.get(spec.name()), c = w2.get(spec.name()), expected = new float[a.length];
        for (int i = 0; i < a.length; i++) expected[i] = (float) (d2 * (d1 * a[i] + (1 - d1) * b[i]) + (1 - d2) * c[i]);
        assertArrayEquals(expected, out.get(spec.name()), 1e-5f, spec.name());
        if (spec.role() == ParamSpec.Role.BN_MEAN || spec.role() == ParamSpec.Role.BN_VAR) statistics++;
      }
      assertTrue(statistics > 0, "the running statistics are averaged too");
    }
  }

  @Test
  void noAverageIsRefused() {
    Network network = BatchNormRecalibrationTest.tinyNetwork();
    try (NDManager root = NDManager.newBaseManager("PyTorch"); DjlNetwork net = DjlNetwork.create(root, network, Weights.init(network, 1))) {
      assertThrows(IllegalArgumentException.class, () -> new WeightAverage(net, ProxySettings.Ema.NONE));
    }
  }

  @Test
  void trainingEndsOnTheAverageNotTheLastStep() {
    Network network = BatchNormRecalibrationTest.tinyNetwork();
    ProxySettings plain = ProxyTrainerTest.profile(12, 4);
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      Weights init = Weights.init(network, 1);
      Weights last = train(root, network, init, plain, ProxySettings.Ema.NONE);
      Weights nearlyLast = train(root, network, init, plain, new ProxySettings.Ema(1e-6, 0));
      Weights averaged = train(root, network, init, plain, new ProxySettings.Ema(0.9, 0));
      double nearlyLastGap = 0, averagedGap = 0;
      for (ParamSpec spec : ParamSpec.of(network)) {
        nearlyLastGap = Math.max(nearlyLastGap, maxAbsDifference(last.get(spec.name()), nearlyLast.get(spec.name())));
        averagedGap = Math.max(averagedGap, maxAbsDifference(last.get(spec.name()), averaged.get(spec.name())));
      }
      assertTrue(nearlyLastGap < 1e-4, "a decay near 0 ends on the last step's weights, gap " + nearlyLastGap);
      assertTrue(averagedGap > 1e-3, "decay 0.9 over 12 steps lags the last step, gap " + averagedGap);
    }
  }

  private static Weights train(NDManager root, Network network, Weights init, ProxySettings p, ProxySettings.Ema ema) {
    ProxySettings profile = new ProxySettings(p.name(), p.imgsz(), p.steps(), p.epochs(), p.batch(), p.lr0(), p.lrf(),
        p.warmupSteps(), p.warmupBiasLr(), p.momentum(), p.weightDecay(), p.cosine(), p.subset(), p.threads(), p.seed(),
        p.augment(), p.optimizer(), 0, ema);
    return new ProxyTrainer(profile, root).train(network, init, new SquaresSource(SIZE), x -> {}).weights();
  }

  private static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return max;
  }
}
