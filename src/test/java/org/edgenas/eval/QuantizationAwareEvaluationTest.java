package org.edgenas.eval;

import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.CompressSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
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

class QuantizationAwareEvaluationTest {
  @Test
  void int8CandidatesGetTheQuantizationAwareFineTuneAndFloatOnesDoNot(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    Path profileFile = Files.writeString(tmp.resolve("p.yaml"), "compress:\n  qat_steps: 3\n  calibration_images: 4\n");
    CompressSettings compress = EvaluatorProfiles.load(profileFile).compress();
    assertEquals(3, compress.qatSteps());
    ProxySettings profile = new ProxySettings("qat-test", 64, 6, 0, 4, 0.01, 0.01, 2, 0.1, 0.937, 5e-4, true, 1.0, 1, 0,
        ProxySettings.Augment.NONE);
    ProxyEvaluation ev = new ProxyEvaluation(ds, profile, "qattest", "synthetic-small", compress, 0L,
        new ParentStore(tmp.resolve("parents"), 4), new CandidateModels(tmp.resolve("models")), p -> {});
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    Architecture arch = tiny.freeze(tiny.defaultPicks());
    Architecture int8 = new Architecture(arch.name(), arch.nc(), arch.imgsz(), arch.layers().stream().map(l -> l.withBits(8)).toList(),
        arch.provenance());
    ProxyEvaluation.Result q = ev.evaluate(int8);
    assertTrue(q.stepSeconds().containsKey("qat"), q.stepSeconds().toString());
    assertTrue(q.method().contains("3-step quantization-aware fine-tune (int8 weight fake-quant"), q.method());
    ProxyEvaluation.Result f = ev.evaluate(arch);
    assertFalse(f.stepSeconds().containsKey("qat"), "a float candidate has nothing to fake-quantize");
    assertFalse(f.method().contains("quantization-aware"), f.method());
    Architecture fp16 = new Architecture(arch.name(), arch.nc(), arch.imgsz(), arch.layers().stream().map(l -> l.withBits(16)).toList(),
        arch.provenance());
    assertFalse(ev.evaluate(fp16).stepSeconds().containsKey("qat"), "float16 layers are not fake-quantized");
  }

  @Test
  void aBadQatStepsValueNamesFileLineAndField(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("p.yaml"), "compress:\n  finetune_steps: 5\n  qat_steps: -2\n");
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.edgenas.common.BadInputException.class, () -> EvaluatorProfiles.load(file).compress());
    assertTrue(e.getMessage().startsWith(file + ":3:"), e.getMessage());
    assertTrue(e.getMessage().contains("compress.qat_steps"), e.getMessage());
    assertEquals(0, EvaluatorProfiles.load(Files.writeString(tmp.resolve("q.yaml"), "compress:\n  finetune_steps: 5\n")).compress().qatSteps());
  }
}
