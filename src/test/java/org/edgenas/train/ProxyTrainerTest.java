package org.edgenas.train;

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
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class ProxyTrainerTest {
  static EvaluatorProfile profile(int steps, int batch) {
    return new EvaluatorProfile("test", 64, steps, 0, batch, 0.01, 0.1, 10, 0.1, 0.937, 5e-4, true, 1.0, 1, 1,
        EvaluatorProfile.Augment.NONE);
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
}
