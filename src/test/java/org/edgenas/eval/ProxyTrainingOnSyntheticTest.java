package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short proxy training on the built-in synthetic dataset: the loss falls, and the exported
 * model scored in ONNX Runtime beats the same network untrained on mAP50.
 */
class ProxyTrainingOnSyntheticTest {
  @Test
  void lossFallsAndTheTrainedModelBeatsTheUntrainedOne(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 96, 24, 128, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    ProxySettings profile = new ProxySettings("test", 96, 90, 0, 16, 0.01, 0.01, 10, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        new ProxySettings.Augment(0.5, 0, false));
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Network net = tiny.freeze(tiny.defaultPicks()).lower(96);
    Weights untrained = Weights.init(net, 1);
    TrainingResult result;
    try (NDManager manager = NDManager.newBaseManager()) {
      result = new ProxyTrainer(profile, manager).train(net, untrained, new DatasetBatchSource(ds.train(), profile, new ImageCache()), p -> {});
    }
    double first = result.meanLoss(0, 10);
    double last = result.meanLoss(result.steps() - 10, result.steps());
    assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    double before = score(validator, tmp.resolve("untrained.onnx"), net, untrained, ds);
    double after = score(validator, tmp.resolve("trained.onnx"), net, result.weights(), ds);
    assertTrue(after > before + 0.02, "mAP50 untrained " + before + ", trained " + after);
  }

  private static double score(OnnxValidator validator, Path file, Network net, Weights w, YoloDataset ds) throws Exception {
    Files.write(file, OnnxExporter.export(net, w, ExportOptions.defaults()));
    return validator.evaluate(file, ds.val(), List.copyOf(ds.names())).metrics().ap50();
  }
}
