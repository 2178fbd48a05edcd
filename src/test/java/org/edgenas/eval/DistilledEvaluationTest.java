package org.edgenas.eval;

import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.CompressSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.ProxySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistilledEvaluationTest {
  @Test
  void teacherIsTrainedOnceAndTheMethodNamesIt(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    Path tinyFile = Path.of("spaces/tiny.yaml").toAbsolutePath();
    Path profileFile = Files.writeString(tmp.resolve("p.yaml"),
        "compress:\n  finetune_steps: 3\n  distill: {teacher: " + tinyFile + ", weight: 0.5}\n");
    CompressSettings compress = EvaluatorProfiles.load(profileFile).compress();
    ProxySettings profile = new ProxySettings("kd-test", 64, 6, 0, 4, 0.01, 0.01, 2, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE);
    ParentStore parents = new ParentStore(tmp.resolve("parents"), 4);
    ProxyEvaluation ev = new ProxyEvaluation(ds, profile, "kdtest", "synthetic-small", compress, 0L, parents,
        new CandidateModels(tmp.resolve("models")), p -> {});
    SearchSpace tiny = SpaceLoader.load(tinyFile, 4);
    Architecture arch = tiny.freeze(tiny.defaultPicks());
    Architecture pruned = new Architecture(arch.name(), arch.nc(), arch.imgsz(),
        arch.layers().stream().map(l -> l.withPrune(0.25)).toList(), arch.provenance());
    ProxyEvaluation.Result first = ev.evaluate(pruned);
    assertEquals(2, parents.trainedCount(), "the teacher and the student's parent");
    assertTrue(first.method().contains("distilled from teacher " + tinyFile), first.method());
    assertTrue(first.stepSeconds().keySet().containsAll(List.of("teacher", "parent", "prune", "finetune")), first.stepSeconds().toString());
    Architecture int8 = new Architecture(arch.name(), arch.nc(), arch.imgsz(),
        arch.layers().stream().map(l -> l.withBits(8)).toList(), arch.provenance());
    ProxyEvaluation.Result second = ev.evaluate(int8);
    assertEquals(2, parents.trainedCount(), "teacher and parent are shared");
    assertTrue(second.parentReused());
  }
}
