package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/**
 * The same profile and seed train to the same weights, bit for bit, whatever native memory the
 * process handed out before and whenever the garbage collector runs ({@link TorchArrays}: graph
 * constants and arrays from Java data live in PyTorch's own memory).
 */
class SeededTrainingReproducibilityTest {
  @Test
  void theSameSeedTrainsToIdenticalLossesAndWeightsAfterOtherNativeAllocations() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Network net = tiny.freeze(tiny.defaultPicks()).lower(64);
    ProxySettings profile = ProxyTrainerTest.profile(30, 8);
    List<ByteBuffer> held = new ArrayList<>();
    TrainingResult[] runs = new TrainingResult[3];
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      for (int run = 0; run < runs.length; run++) {
        runs[run] = new ProxyTrainer(profile, root).train(net, Weights.init(net, 3), new SquaresSource(64), x -> {});
        // shift the native heap between runs: small direct buffers of sizes that are not multiples of 64 bytes
        for (int k = 1; k <= 7; k++) held.add(ByteBuffer.allocateDirect(16 * k + 8 * run));
      }
    }
    assertTrue(held.size() > 0);
    for (int run = 1; run < runs.length; run++) {
      assertArrayEquals(runs[0].losses(), runs[run].losses(), "losses of run " + run + " differ from run 0");
      for (ParamSpec spec : ParamSpec.of(net)) {
        assertArrayEquals(runs[0].weights().get(spec.name()), runs[run].weights().get(spec.name()),
            spec.name() + " of run " + run + " differs from run 0");
      }
    }
  }
}
