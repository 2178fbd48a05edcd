package org.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code supernet:} section's distillation, sampling and fine-tune keys: defaults, parsing, and a bad value named at its line. */
class SupernetSettingsTest {
  private static Path profile(Path dir, String supernet) throws Exception {
    return Files.writeString(dir.resolve("p.yaml"), "latency:\n  repeats: 10\n  max_cv: 0.2\nsupernet:\n  random_paths: 1\n" + supernet);
  }

  @Test
  void distillationIsOffUnlessAsked(@TempDir Path dir) throws Exception {
    assertFalse(SupernetSettings.DEFAULT.distill());
    SupernetSettings none = EvaluatorProfiles.load(profile(dir, "")).supernet();
    assertFalse(none.distill());
    assertNull(none.distillation());
    SupernetSettings on = EvaluatorProfiles.load(profile(dir, "  distill: true\n  distill_weight: 0.5\n")).supernet();
    assertTrue(on.distill());
    assertEquals(0.5, on.distillation());
    assertEquals(1.0, EvaluatorProfiles.load(profile(dir, "  distill: yes\n")).supernet().distillation());
  }

  @Test
  void theShippedProfilesKeepItOffAndTheDistillBenchProfileHasItOn() {
    assertFalse(EvaluatorProfiles.load(Path.of("evaluators/supernet.yaml")).supernet().distill());
    assertFalse(EvaluatorProfiles.load(Path.of("bench/supernet/c8-96.yaml")).supernet().distill());
    SupernetSettings distill = EvaluatorProfiles.load(Path.of("bench/supernet/c8-96-distill.yaml")).supernet();
    assertTrue(distill.distill());
    assertEquals(EvaluatorProfiles.load(Path.of("bench/supernet/c8-96.yaml")).supernet(),
        new SupernetSettings(distill.randomPaths(), distill.checkpointEvery(), distill.importance(), distill.bnBatches(),
            distill.finetuneSteps(), false, distill.distillWeight()), "the distill profile differs in distill only");
  }

  @Test
  void aBadValueIsReportedAtItsLineNamingTheField(@TempDir Path dir) throws Exception {
    Path maybe = profile(dir, "  distill: maybe\n");
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(maybe));
    assertTrue(e.getMessage().startsWith(maybe + ":6: supernet.distill must be true or false, was maybe"), e.getMessage());
    Path negative = profile(dir, "  distill: true\n  distill_weight: -1\n");
    e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(negative));
    assertTrue(e.getMessage().startsWith(negative + ":7: supernet.distill_weight must be 0.0..100.0, was -1"), e.getMessage());
  }

  @Test
  void samplingIsSandwichUnlessAskedAndAShapelessValueIsNamed(@TempDir Path dir) throws Exception {
    assertEquals("sandwich", SupernetSettings.DEFAULT.sampling());
    SupernetSettings none = EvaluatorProfiles.load(profile(dir, "")).supernet();
    assertFalse(none.fair());
    assertNull(none.samplingRecord(), "a sandwich supernet file records nothing");
    SupernetSettings fair = EvaluatorProfiles.load(profile(dir, "  sampling: fair\n")).supernet();
    assertTrue(fair.fair());
    assertEquals("fair", fair.samplingRecord());
    assertEquals(none, fair.withSampling("sandwich"), "sampling differs only");
    Path maybe = profile(dir, "  sampling: maybe\n");
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(maybe));
    assertTrue(e.getMessage().startsWith(maybe + ":6: supernet.sampling must be sandwich or fair, was maybe"), e.getMessage());
    Path distilled = profile(dir, "  distill: true\n  sampling: fair\n");
    e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(distilled));
    assertTrue(e.getMessage().startsWith(distilled + ":7: supernet.sampling: distill: true needs the largest path as teacher"), e.getMessage());
  }

  @Test
  void theShippedProfilesSandwichAndTheFairBenchProfileDiffersInSamplingOnly() {
    assertEquals("sandwich", EvaluatorProfiles.load(Path.of("evaluators/supernet.yaml")).supernet().sampling());
    SupernetSettings plain = EvaluatorProfiles.load(Path.of("bench/supernet/c8-96.yaml")).supernet();
    assertEquals("sandwich", plain.sampling());
    SupernetSettings fair = EvaluatorProfiles.load(Path.of("bench/supernet/c8-96-fair.yaml")).supernet();
    assertEquals("fair", fair.sampling());
    assertEquals(plain, fair.withSampling("sandwich"));
    assertEquals(EvaluatorProfiles.load(Path.of("bench/supernet/c8-96.yaml")).proxy().toString().replace("name=c8-96,", ""),
        EvaluatorProfiles.load(Path.of("bench/supernet/c8-96-fair.yaml")).proxy().toString().replace("name=c8-96-fair,", ""),
        "the same training schedule");
  }

  @Test
  void theFineTuneRunsAtATenthOfLr0UnlessToldAndAZeroRateIsNamed(@TempDir Path dir) throws Exception {
    assertEquals(0.1, EvaluatorProfiles.load(profile(dir, "")).supernet().finetuneLr());
    assertEquals(1.0, EvaluatorProfiles.load(profile(dir, "  finetune_steps: 40\n  finetune_lr: 1\n")).supernet().finetuneLr());
    Path zero = profile(dir, "  finetune_lr: 0\n");
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(zero));
    assertTrue(e.getMessage().startsWith(zero + ":6: supernet.finetune_lr must be a fraction of lr0 above 0"), e.getMessage());
    ProxySettings training = EvaluatorProfiles.load(Path.of("bench/supernet/c8-96.yaml")).proxy();
    ProxySettings tune = training.fineTune("-finetune", 40, 1.0, 1);
    assertEquals(training.lr0(), tune.lr0());
    assertEquals(40, tune.steps());
    assertEquals(0, tune.warmupSteps());
    assertEquals(training.lr0() * CompressSettings.FINETUNE_LR, new CompressSettings(40, 1).finetuneProfile(training).lr0(), 1e-15);
  }
}
