package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class DistillationTest {
  private static final SearchSpace TINY = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
  private static final Network NET = TINY.freeze(TINY.defaultPicks()).lower(64);

  private static float[] loss(NDManager root, Weights student, Weights teacher, double temperature) {
    try (DjlNetwork s = DjlNetwork.create(root, NET, student); DjlNetwork t = DjlNetwork.create(root, NET, teacher)) {
      TrainingBatch batch = new SquaresSource(64).next(4, new SplittableRandom(3));
      NDArray images = root.create(batch.images(), new Shape(4, 3, 64, 64));
      NDList a = s.forwardRaw(images), b = t.forwardRaw(images); // batch statistics: fresh running statistics would hide the weights
      DistillationLoss.Parts p = DistillationLoss.compute(a, b, s.geometry().regMax(), temperature);
      return new float[] {p.cls().getFloat(), p.box().getFloat()};
    }
  }

  @Test
  void zeroForIdenticalNetworksPositiveOtherwise() {
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      Weights w = Weights.init(NET, 1);
      float[] same = loss(root, w, w, 2.0);
      assertEquals(0, same[0], 1e-6);
      assertEquals(0, same[1], 1e-6);
      float[] other = loss(root, w, Weights.init(NET, 2), 2.0);
      System.out.printf("distillation of seed 1 from seed 2: cls %.5f, box %.5f%n", other[0], other[1]);
      assertTrue(other[0] > 1e-4, "class term " + other[0]);
      assertTrue(other[1] > 1e-4, "box term " + other[1]);
    }
  }

  @Test
  void shortTrainingWithADistilledTeacherLowersTheLoss() {
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      ProgressListener quiet = p -> {};
      Weights teacher = new ProxyTrainer(ProxyTrainerTest.profile(30, 8), root)
          .train(NET, Weights.init(NET, 5), new SquaresSource(64), quiet).weights();
      Distillation kd = new Distillation(NET, teacher, 1.0, 2.0, "tiny-teacher");
      Weights init = Weights.init(NET, 1);
      TrainingResult with = new ProxyTrainer(ProxyTrainerTest.profile(50, 8), root).train(NET, init, new SquaresSource(64), quiet, kd);
      TrainingResult without = new ProxyTrainer(ProxyTrainerTest.profile(50, 8), root).train(NET, init, new SquaresSource(64), quiet);
      double early = with.meanLoss(0, 10), last = with.meanLoss(40, 50);
      System.out.printf("distilled training: loss first-10 %.3f, last-10 %.3f (without: %.3f, %.3f)%n", early, last,
          without.meanLoss(0, 10), without.meanLoss(40, 50));
      assertTrue(last < 0.8 * early, "loss did not fall: " + early + " -> " + last);
      assertTrue(with.meanLoss(0, 10) > without.meanLoss(0, 10), "the distillation term adds to the recorded loss");
      String w = NET.ops().getFirst() instanceof org.edgenas.arch.Op.Conv c ? c.name() + ".weight" : null;
      assertFalse(Arrays.equals(with.weights().get(w), without.weights().get(w)), "distillation changed nothing");
    }
  }

  @Test
  void aTeacherWithAnotherGeometryIsRefused() {
    Network other = TINY.freeze(TINY.defaultPicks()).lower(96);
    Distillation kd = new Distillation(other, Weights.init(other, 1), 1, 2, "tiny@96");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kd.checkCompatible(NET));
    assertTrue(e.getMessage().contains("must match"), e.getMessage());
  }
}
