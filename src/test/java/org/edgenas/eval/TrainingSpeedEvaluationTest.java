package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.ProxySettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code training_speed} from real proxy trainings: minus the mean loss of the second half of the
 * float parent's training, the same when the parent is reused from the store (in this run or a later
 * one), and the mean over the trainings of a two-seed profile.
 */
class TrainingSpeedEvaluationTest {
  @Test
  void theEstimateIsMinusTheSecondHalfsMeanLossAndSurvivesAReusedParent(@TempDir Path tmp) throws Exception {
    YoloDataset ds = data(tmp, 16, 8);
    CompressSettings compress = noFinetune(tmp);
    ProxySettings one = steps(6);
    Architecture arch = tinyDefault();
    Path store = tmp.resolve("parents");
    ProxyEvaluation evaluation = evaluation(ds, one, compress, new ParentStore(store, 4), tmp.resolve("models"));

    Map<String, Measure> first = new ProxyEvaluator(evaluation, "speedtest").evaluate(new Candidate(new int[0], arch, 64, 0));
    Measure speed = first.get("training_speed");
    // the loss curve the store kept beside the parent, read back independently
    Path losses;
    try (var files = Files.list(store)) {
      losses = files.filter(f -> f.toString().endsWith(".losses")).findFirst().orElseThrow();
    }
    String[] cells = Files.readString(losses).strip().split("\t");
    assertEquals(6, cells.length, "one loss per step");
    double secondHalf = (Double.parseDouble(cells[3]) + Double.parseDouble(cells[4]) + Double.parseDouble(cells[5])) / 3;
    assertEquals(-secondHalf, speed.value(), 1e-6);
    assertEquals(Kind.MEASURED, speed.kind());
    assertTrue(speed.method().startsWith("minus the mean training loss over steps 4–6 of 6"), speed.method());
    assertTrue(speed.method().contains("not an mAP"), speed.method());

    // a later run over the same store trains nothing and reports the same figure
    ParentStore reopened = new ParentStore(store, 0);
    ProxyEvaluation later = evaluation(ds, one, compress, reopened, tmp.resolve("models-later"));
    ProxyEvaluation.Result again = later.evaluate(arch);
    assertEquals(0, reopened.trainedCount());
    assertTrue(again.parentReused());
    assertEquals(speed.value(), again.trainingSpeed(), 0);

    // two seeds: the mean of two trainings' estimates, each its own training
    ProxyEvaluation.Result two = evaluation(ds, one.withSeeds(2), compress, new ParentStore(tmp.resolve("parents-two"), 4),
        tmp.resolve("models-two")).evaluate(arch);
    double a = two.seeds().get(0).trainingSpeed(), b = two.seeds().get(1).trainingSpeed();
    assertEquals(speed.value(), a, 1e-9, "the first seed is the one-seed profile's training");
    assertNotEquals(a, b, "the second seed is another training");
    assertEquals((a + b) / 2, two.trainingSpeed(), 1e-12);
  }

  @Test
  void aParentStoredWithoutItsLossCurveHasNoEstimate(@TempDir Path tmp) throws Exception {
    YoloDataset ds = data(tmp, 8, 4);
    CompressSettings compress = noFinetune(tmp);
    ProxySettings one = steps(4);
    Architecture arch = tinyDefault();
    Path store = tmp.resolve("parents");
    evaluation(ds, one, compress, new ParentStore(store, 0), tmp.resolve("models")).evaluate(arch);
    try (var files = Files.list(store)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".losses")).toList()) Files.writeString(f, "not a number\n");
    }
    Map<String, Measure> m = new ProxyEvaluator(evaluation(ds, one, compress, new ParentStore(store, 0), tmp.resolve("models-2")), "speedtest")
        .evaluate(new Candidate(new int[0], arch, 64, 0));
    assertFalse(m.containsKey("training_speed"), "a damaged curve gives no figure rather than a wrong one");
    assertTrue(m.containsKey("map50_95"), "the rest of the evaluation stands");
  }

  private static ProxyEvaluation evaluation(YoloDataset ds, ProxySettings profile, CompressSettings compress, ParentStore parents,
      Path models) {
    return new ProxyEvaluation(ds, profile, "speedtest", "synthetic-small", compress, 0L, parents, new CandidateModels(models), p -> {});
  }

  private static YoloDataset data(Path tmp, int train, int val) {
    return YoloDataset.load(SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, train, val, 64, 3)), BadEntryPolicy.FAIL);
  }

  private static CompressSettings noFinetune(Path tmp) throws java.io.IOException {
    return EvaluatorProfiles.load(Files.writeString(tmp.resolve("p.yaml"), "compress:\n  finetune_steps: 0\n")).compress();
  }

  /** A tiny profile of {@code steps} steps (warm-up 2) at 64 px, one seed. */
  private static ProxySettings steps(int steps) {
    return new ProxySettings("speed-test", 64, steps, 0, 4, 0.01, 0.01, 2, 0.1, 0.937, 5e-4, true, 1.0, 1, 0, ProxySettings.Augment.NONE);
  }

  private static Architecture tinyDefault() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    return tiny.freeze(tiny.defaultPicks());
  }
}
