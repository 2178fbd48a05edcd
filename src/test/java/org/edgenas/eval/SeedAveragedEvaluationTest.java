package org.edgenas.eval;

import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.CompressSettings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.ProxySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile with {@code seeds: 2}: two real trainings through the whole compression path, their mean reported. */
class SeedAveragedEvaluationTest {
  @Test
  void theEstimateIsTheMeanOfTwoTrainingsAndTheExportedModelIsTheFirst(@TempDir Path tmp) throws Exception {
    YoloDataset ds = YoloDataset.load(SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3)),
        BadEntryPolicy.FAIL);
    CompressSettings compress = EvaluatorProfiles.load(Files.writeString(tmp.resolve("p.yaml"),
        "compress:\n  finetune_steps: 3\n  calibration_images: 4\n")).compress();
    ProxySettings one = new ProxySettings("seeds-test", 64, 8, 0, 4, 0.01, 0.01, 2, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE);
    ProxySettings two = one.withSeeds(2);
    ParentStore parents = new ParentStore(tmp.resolve("parents"), 4);
    ProxyEvaluation averaged = new ProxyEvaluation(ds, two, "seedstest", "synthetic-small", compress, 0L, parents,
        new CandidateModels(tmp.resolve("models")), p -> {});
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Architecture arch = tiny.freeze(tiny.defaultPicks());
    Architecture candidate = new Architecture(arch.name(), arch.nc(), arch.imgsz(),
        arch.layers().stream().map(l -> l.withPrune(0.25).withBits(8)).toList(), arch.provenance());

    ProxyEvaluation.Result r = averaged.evaluate(candidate);
    assertEquals(List.of(0L, 1L), r.seeds().stream().map(ProxyEvaluation.SeedMetrics::seed).toList());
    assertEquals(2, parents.trainedCount(), "one parent per seed");
    assertTrue(r.stepSeconds().keySet().containsAll(List.of("parent", "prune", "finetune", "quantized-map")), r.stepSeconds().toString());
    double[] a = r.seeds().get(0).deployedMetrics().stats(), b = r.seeds().get(1).deployedMetrics().stats();
    Path models = tmp.resolve("models");
    assertFalse(Arrays.equals(Files.readAllBytes(models.resolve(arch.parentHash() + "-float.onnx")),
        Files.readAllBytes(models.resolve(arch.parentHash() + "-float-seed1.onnx"))), "two seeds are two different trainings");
    double[] mean = r.deployedMetrics().stats();
    for (int i = 0; i < mean.length; i++) {
      double expected = a[i] < 0 && b[i] < 0 ? -1 : a[i] < 0 ? b[i] : b[i] < 0 ? a[i] : (a[i] + b[i]) / 2;
      assertEquals(expected, mean[i], 1e-12, "stat " + i);
    }
    assertEquals((r.seeds().get(0).floatMetrics().ap() + r.seeds().get(1).floatMetrics().ap()) / 2, r.floatMetrics().ap(), 1e-12);
    assertEquals((r.seeds().get(0).prunedMetrics().ap() + r.seeds().get(1).prunedMetrics().ap()) / 2, r.prunedMetrics().ap(), 1e-12);
    assertTrue(r.method().contains("the mean of 2 trainings (profile seeds 0–1"), r.method());

    // the file written is the first training's deployed model, with the metrics the result gives it
    var own = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1).evaluate(r.onnx(), ds.val(), ds.names()).metrics();
    assertArrayEquals(r.exported().deployedMetrics().stats(), own.stats(), 1e-12);

    // the first training is exactly what a one-seed profile trains
    ProxyEvaluation single = new ProxyEvaluation(ds, one, "seedstest", "synthetic-small", compress, 0L,
        new ParentStore(tmp.resolve("parents-single"), 4), new CandidateModels(tmp.resolve("models-single")), p -> {});
    ProxyEvaluation.Result s = single.evaluate(candidate);
    assertEquals(1, s.seeds().size());
    assertArrayEquals(r.exported().floatMetrics().stats(), s.floatMetrics().stats(), 1e-12);
    assertArrayEquals(r.exported().deployedMetrics().stats(), s.deployedMetrics().stats(), 1e-12);
    assertFalse(s.method().contains("mean of"), s.method());

    // another compression of the same architecture reuses both seeds' parents
    Architecture float16 = new Architecture(arch.name(), arch.nc(), arch.imgsz(), arch.layers().stream().map(l -> l.withBits(16)).toList(),
        arch.provenance());
    ProxyEvaluation.Result again = averaged.evaluate(float16);
    assertEquals(2, parents.trainedCount(), "both parents shared");
    assertTrue(again.parentReused());
    assertEquals(2, again.seeds().size());
  }
}
