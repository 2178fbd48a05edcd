package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished supernet's file keeps only the weights: a candidate estimated from it (as {@code
 * supernet: PATH} reads it) scores what the weights the training left in memory score, and a
 * training continued from it with more steps says in one log line that AdamW's moments start from zero.
 */
class SupernetCompactFileTest {
  @Test
  void estimatesFromTheCompactFileAndItsContinuation(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    Path profileFile = tmp.resolve("sn.yaml");
    Files.writeString(profileFile, SupernetEstimateTest.PROFILE.replace("steps: 3", "steps: 2"));
    EvaluatorProfile profile = EvaluatorProfiles.load(profileFile);
    Path spaceFile = Path.of("spaces/tiny.yaml");
    SearchSpace space = SpaceLoader.load(spaceFile, 4);
    Supernets.Task task = new Supernets.Task(spaceFile, space, yaml, ds, 64);
    Path file = tmp.resolve("sn/supernet.bin");
    SupernetFile.Loaded trained = Supernets.trainOrResume(task, profile, 0, file, p -> {}, new PrintWriter(new StringWriter()));
    assertTrue(trained.weights().hasOptimizerState(), "in memory the moments are still there");
    SupernetFile.Loaded reused = Supernets.reuse(task, file, null);
    assertFalse(reused.weights().hasOptimizerState(), "the finished file kept only the weights");

    Architecture candidate = space.freeze(space.defaultPicks());
    assertEquals(estimate(tmp.resolve("a"), file, trained, space, ds, profile, candidate),
        estimate(tmp.resolve("b"), file, reused, space, ds, profile, candidate), 1e-12, "the same weights, the same estimate");

    StringWriter log = new StringWriter();
    SupernetFile.Loaded more = Supernets.trainOrResume(task, profile, 3, file, p -> {}, new PrintWriter(log));
    assertEquals(3, more.header().step());
    assertEquals(1, log.toString().lines().filter(l -> l.contains("moments")).count(), log.toString());
    assertTrue(log.toString().contains("resuming supernet " + file + " at step 2 of 3 (the file of its finished training kept only the"
        + " weights: AdamW's moments start from zero)"), log.toString());
    assertEquals(3, SupernetFile.header(file).step());
    assertFalse(SupernetFile.read(file).weights().hasOptimizerState());
  }

  private static double estimate(Path dir, Path file, SupernetFile.Loaded supernet, SearchSpace space, YoloDataset ds, EvaluatorProfile profile,
      Architecture candidate) {
    ProxyEvaluation evaluation = new ProxyEvaluation(ds, profile.proxy(), "sn-test", "d", profile.compress(), 0L,
        new ParentStore(dir.resolve("parents"), 2), new CandidateModels(dir.resolve("models")), p -> {})
        .inheriting(new SupernetParents(file, supernet, SupernetSpace.of(space, 4), profile.proxy(), profile.supernet(), ds, hash -> p -> {}));
    return evaluation.evaluate(candidate).deployedMetrics().ap();
  }
}
