package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.edgenas.arch.Architecture;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.ProxySettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pruned candidate's BatchNorm statistics are re-estimated right after pruning (compress.bn_recalibration), real DJL and ORT. */
class PrunedRecalibrationTest {
  @Test
  void aPrunedCandidateIsRecalibratedAndSaysSo(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    ProxySettings profile = new ProxySettings("recal-test", 64, 6, 0, 4, 0.01, 0.01, 2, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE);
    ParentStore parents = new ParentStore(tmp.resolve("parents"), 4);
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Architecture arch = tiny.freeze(tiny.defaultPicks());
    Architecture pruned = new Architecture(arch.name(), arch.nc(), arch.imgsz(), arch.layers().stream().map(l -> l.withPrune(0.5)).toList(),
        arch.provenance());
    CompressSettings plain = new CompressSettings(0, 4).withBnRecalibration(0);
    ProxyEvaluation.Result without = new ProxyEvaluation(ds, profile, "recal", "synthetic", plain, 0L, parents,
        new CandidateModels(tmp.resolve("without")), p -> {}).evaluate(pruned);
    ProxyEvaluation.Result with = new ProxyEvaluation(ds, profile, "recal", "synthetic", plain.withBnRecalibration(8), 0L, parents,
        new CandidateModels(tmp.resolve("with")), p -> {}).evaluate(pruned);

    assertTrue(with.parentReused(), "both estimates prune the same trained parent");
    assertTrue(without.method().contains(", pruned by BN-scaled L1, not fine-tuned"), without.method());
    assertTrue(with.method().contains(", pruned by BN-scaled L1, BatchNorm re-estimated on 8 train batches, not fine-tuned"), with.method());
    assertFalse(without.stepSeconds().containsKey("bn-recalibration"), without.stepSeconds().toString());
    assertTrue(with.stepSeconds().containsKey("bn-recalibration"), with.stepSeconds().toString());
    assertNotNull(with.prunedMetrics());
    // the exported float model folds each BatchNorm into its convolution: other statistics, other bytes
    assertFalse(Arrays.equals(Files.readAllBytes(without.onnx()), Files.readAllBytes(with.onnx())),
        "the recalibrated statistics reach the deployed model");
    ProxyEvaluation.Result again = new ProxyEvaluation(ds, profile, "recal", "synthetic", plain.withBnRecalibration(8), 0L, parents,
        new CandidateModels(tmp.resolve("again")), p -> {}).evaluate(pruned);
    assertTrue(Arrays.equals(Files.readAllBytes(with.onnx()), Files.readAllBytes(again.onnx())), "the recalibration is deterministic");
    assertEquals(with.deployedMetrics().ap(), again.deployedMetrics().ap(), 0.0);
  }
}
