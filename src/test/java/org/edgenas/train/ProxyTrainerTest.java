package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class ProxyTrainerTest {
  static ProxySettings profile(int steps, int batch) {
    return new ProxySettings("test", 64, steps, 0, batch, 0.01, 0.1, 10, 0.1, 0.937, 5e-4, true, 1.0, 1, 1,
        ProxySettings.Augment.NONE);
  }

  @Test
  void lossFallsOnColouredSquares() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Architecture arch = tiny.freeze(tiny.defaultPicks());
    Network net = arch.lower(64);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      Weights init = Weights.init(net, 1);
      TrainingResult r = new ProxyTrainer(profile(60, 8), root)
          .train(net, init, new SquaresSource(64), new ConsoleProgress(new PrintStream(log, true), false, 20));
      double early = r.meanLoss(0, 10), last = r.meanLoss(50, 60);
      System.out.printf("loss first-10 %.3f, last-10 %.3f, %.1f img/s%n%s", early, last, r.imagesPerSecond(), log);
      System.out.println(Arrays.toString(r.losses()));
      assertTrue(last < 0.8 * early, "loss did not fall: first-10 mean " + early + ", last-10 mean " + last);
      assertEquals(3, log.toString().lines().count(), "a progress line every 20 steps");
      String first = ((Op.Conv) net.ops().getFirst()).name() + ".weight";
      assertTrue(!Arrays.equals(init.get(first), r.weights().get(first)), "weights unchanged");
    }
  }

  @Test
  void adamwFirstStepMovesEveryParameterByTheLearningRate() {
    // With bias-corrected moments AdamW's first step is lr·g/(|g| + eps): never more than lr, and lr·sign(g)
    // wherever |g| >> eps (decoupled decay first); without the correction it would be 0.1/√0.001 ≈ 3.2 lr
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Network net = tiny.freeze(tiny.defaultPicks()).lower(64);
    double lr = 0.001;
    ProxySettings one = new ProxySettings("adamw", 64, 1, 0, 8, lr, 1.0, 0, lr, 0.9, 0.05, true, 1.0, 1, 1,
        ProxySettings.Augment.NONE, ProxySettings.Optimizer.ADAMW);
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      Weights init = Weights.init(net, 1);
      Weights after = new ProxyTrainer(one, root).train(net, init, new SquaresSource(64), x -> {}).weights();
      int moved = 0, total = 0;
      for (ParamSpec spec : ParamSpec.of(net)) {
        if (!spec.role().trainable()) continue;
        float[] a = init.get(spec.name()), b = after.get(spec.name());
        double keep = spec.role() == ParamSpec.Role.WEIGHT ? 1 - lr * 0.05 * 8 / 64 : 1;  // weight decay scaled by batch/64
        for (int i = 0; i < a.length; i++) {
          double step = Math.abs(b[i] - a[i] * keep);
          double rounding = 2 * Math.ulp(Math.abs(a[i]) + lr) + Math.abs(a[i]) * 2.4e-7 + lr * 1e-6;  // float32 arithmetic
          assertTrue(step <= lr + rounding, spec.name() + "[" + i + "] moved " + step + " > lr " + lr);
          if (Math.abs(step - lr) < lr * 0.02 + rounding) moved++;
          total++;
        }
      }
      // the rest have gradients near eps (the box branches of levels with few positives, after the clip)
      assertTrue(moved > 0.3 * total, moved + " of " + total + " parameters moved by lr (±2 %)");
    }
  }

  @Test
  void adamwLossFallsOnColouredSquares() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Network net = tiny.freeze(tiny.defaultPicks()).lower(64);
    ProxySettings p = new ProxySettings("adamw", 64, 60, 0, 8, 0.005, 0.1, 5, 0.005, 0.9, 5e-4, true, 1.0, 1, 1,
        ProxySettings.Augment.NONE, ProxySettings.Optimizer.ADAMW);
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      TrainingResult r = new ProxyTrainer(p, root).train(net, Weights.init(net, 1), new SquaresSource(64), x -> {});
      double early = r.meanLoss(0, 10), last = r.meanLoss(50, 60);
      assertTrue(last < 0.8 * early, "loss did not fall: first-10 mean " + early + ", last-10 mean " + last);
    }
  }

  /** Fault injection: the batches of the given steps carry a box whose coordinates overflow float32 arithmetic. */
  private static BatchSource poisoned(SquaresSource clean, java.util.Set<Integer> steps) {
    return new BatchSource() {
      private int step;

      @Override
      public int imgsz() {
        return clean.imgsz();
      }

      @Override
      public int images() {
        return clean.images();
      }

      @Override
      public TrainingBatch next(int batch, java.util.SplittableRandom random) {
        TrainingBatch b = clean.next(batch, random);
        if (!steps.contains(step++)) return b;
        java.util.List<java.util.List<float[]>> boxes = new java.util.ArrayList<>(b.boxes());
        boxes.set(0, java.util.List.of(new float[] {1, 1, Float.MAX_VALUE, Float.MAX_VALUE, 0}));
        return new TrainingBatch(b.imgsz(), b.images(), boxes);
      }
    };
  }

  @Test
  void aStepWithANonFiniteLossIsSkippedAndTrainingGoesOn() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Network net = tiny.freeze(tiny.defaultPicks()).lower(64);
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      TrainingResult r = new ProxyTrainer(profile(12, 4), root)
          .train(net, Weights.init(net, 1), poisoned(new SquaresSource(64), java.util.Set.of(5)), x -> {});
      assertEquals(1, r.skippedSteps(), Arrays.toString(r.losses()));
      assertTrue(!Float.isFinite(r.losses()[5]), "the poisoned step's loss: " + r.losses()[5]);
      for (float[] w : r.weights().values().values()) {
        for (float v : w) assertTrue(Float.isFinite(v), "a weight or statistic is not finite after the skipped step");
      }
      java.util.Set<Integer> every = new java.util.HashSet<>();
      for (int i = 3; i < 40; i++) every.add(i);
      IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
          () -> new ProxyTrainer(profile(40, 4), root).train(net, Weights.init(net, 1), poisoned(new SquaresSource(64), every), x -> {}));
      assertTrue(e.getMessage().startsWith("training diverged at step 14: "), e.getMessage());
    }
  }
}
