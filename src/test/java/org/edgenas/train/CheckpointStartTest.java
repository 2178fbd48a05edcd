package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training from an imported checkpoint (BatchNorm folded, so imported as identity statistics)
 * starts from the checkpoint: with the BatchNorms matched to the first batch, step 0's training
 * loss equals the checkpoint's loss on that batch in inference mode; without, it does not.
 */
class CheckpointStartTest {
  static final int SIZE = 64;

  @TempDir Path dir;

  @Test
  void stepZerosLossIsTheCheckpointsLossOnTheSameBatch() throws Exception {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Network net = tiny.freeze(tiny.defaultPicks()).lower(SIZE);
    Path file = Files.write(dir.resolve("trained.onnx"),
        OnnxExporter.export(net, withTrainedLookingBatchNorm(net, Weights.init(net, 3)), ExportOptions.defaults().withBits(32)));
    ImportedWeights imported = CheckpointImport.fit(OnnxCheckpointReader.read(file), net, Weights.init(net, 4));
    org.edgenas.profile.ProxySettings p = ProxyTrainerTest.profile(2, 8);
    TrainingBatch first = new SquaresSource(SIZE).next(p.batch(), new SplittableRandom(p.seed()));
    try (NDManager root = NDManager.newBaseManager("PyTorch")) {
      float checkpointLoss;
      try (DjlNetwork n = DjlNetwork.create(root, net, imported.weights()); NDManager m = n.manager().newSubManager()) {
        NDList raw = n.inferRaw(first.imagesOn(m));
        checkpointLoss = new DetectionLoss(n.geometry()).compute(raw, n.array(n.geometry().detect().name() + ".dfl.weight"),
            first.boxes()).sum();
      }
      float matched = new ProxyTrainer(p, root).withBatchNormMatchedToFirstBatch()
          .train(net, imported.weights(), new SquaresSource(SIZE), x -> {}).losses()[0];
      float plain = new ProxyTrainer(p, root).train(net, imported.weights(), new SquaresSource(SIZE), x -> {}).losses()[0];
      assertEquals(checkpointLoss, matched, 1e-4 * Math.abs(checkpointLoss), "step 0 with BatchNorm matched to its batch");
      assertTrue(Math.abs(plain - checkpointLoss) > 1e-2 * Math.abs(checkpointLoss),
          "without matching, batch statistics change the function: " + plain + " vs " + checkpointLoss);
    }
  }

  /** BatchNorm statistics and affine terms far from identity, as after training, so that folding matters. */
  static Weights withTrainedLookingBatchNorm(Network net, Weights w) {
    SplittableRandom random = new SplittableRandom(11);
    Map<String, float[]> changed = new HashMap<>();
    for (ParamSpec spec : ParamSpec.of(net)) {
      double lo, hi;
      switch (spec.role()) {
        case BN_GAMMA -> { lo = 0.5; hi = 1.5; }
        case BN_BETA -> { lo = -0.3; hi = 0.3; }
        case BN_MEAN -> { lo = -0.2; hi = 0.2; }
        case BN_VAR -> { lo = 0.3; hi = 2.0; }
        default -> { continue; }
      }
      float[] v = new float[spec.size()];
      for (int i = 0; i < v.length; i++) v[i] = (float) (lo + random.nextDouble() * (hi - lo));
      changed.put(spec.name(), v);
    }
    return w.with(changed);
  }
}
