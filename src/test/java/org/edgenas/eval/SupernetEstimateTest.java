package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
 * A candidate's estimate from a trained supernet goes through the compression path of a proxy
 * estimate (prune, fine-tune, int8 export scored in ONNX Runtime) with an inherited parent: no proxy
 * training happens, and the method says how the parent was made. A finished supernet is not trained
 * again, nor taken for a profile of another in-place distillation setting.
 */
class SupernetEstimateTest {
  static final String PROFILE = """
      proxy: {imgsz: 64, steps: 3, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
              momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
      compress: {finetune_steps: 1, calibration_images: 4}
      supernet: {random_paths: 1, checkpoint_every: 2, bn_batches: 2}
      """;

  @Test
  void aCompressedCandidateIsInheritedPrunedFineTunedQuantizedAndScored(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    Path profileFile = tmp.resolve("sn.yaml");
    Files.writeString(profileFile, PROFILE);
    EvaluatorProfile profile = EvaluatorProfiles.load(profileFile);
    Path spaceFile = Path.of("spaces/tiny.yaml");
    SearchSpace space = SpaceLoader.load(spaceFile, 4);
    Supernets.Task task = new Supernets.Task(spaceFile, space, yaml, ds, 64);
    Path file = tmp.resolve("sn/supernet.bin");
    SupernetFile.Loaded supernet = Supernets.trainOrResume(task, profile, 0, file, p -> {}, new PrintWriter(new StringWriter()));
    assertEquals(3, supernet.header().step());
    byte[] trained = Files.readAllBytes(file);
    StringWriter again = new StringWriter();
    Supernets.trainOrResume(task, profile, 0, file, p -> {}, new PrintWriter(again));
    assertTrue(again.toString().contains("complete (3 steps)"), again.toString());
    assertArrayEquals(trained, Files.readAllBytes(file), "a finished supernet is not trained again");
    Path distilling = Files.writeString(tmp.resolve("sn-distill.yaml"), PROFILE.replace("bn_batches: 2}", "bn_batches: 2, distill: true}"));
    var refused = assertThrows(org.edgenas.common.BadInputException.class, () -> Supernets.trainOrResume(task,
        EvaluatorProfiles.load(distilling), 0, file, p -> {}, new PrintWriter(new StringWriter())));
    assertTrue(refused.getMessage().startsWith(file + ": the supernet is trained without in-place distillation"), refused.getMessage());
    assertArrayEquals(trained, Files.readAllBytes(file), "a supernet of another distill setting is left as it was");

    int[] picks = compressed(space);
    Architecture candidate = space.freeze(picks);
    ParentStore parents = new ParentStore(tmp.resolve("parents"), 2);
    ProxyEvaluation evaluation = new ProxyEvaluation(ds, profile.proxy(), "sn-test", "d", profile.compress(), 0L, parents,
        new CandidateModels(tmp.resolve("models")), p -> {})
        .inheriting(new SupernetParents(file, supernet, SupernetSpace.of(space, 4), profile.proxy(), profile.supernet(), ds, hash -> p -> {}));
    ProxyEvaluation.Result r = evaluation.evaluate(candidate);

    assertEquals(0, parents.trainedCount(), "no parent was proxy-trained");
    assertTrue(r.stepSeconds().containsKey("inherit") && !r.stepSeconds().containsKey("parent"), r.stepSeconds().toString());
    assertTrue(r.stepSeconds().keySet().containsAll(java.util.List.of("prune", "bn-recalibration", "finetune", "quantized-map")), r.stepSeconds().toString());
    var measures = new ProxyEvaluator(evaluation, "k", ProxyEvaluator.SUPERNET).evaluate(
        new org.edgenas.evaluation.Candidate(picks, candidate, 64, 0L));
    assertEquals(r.deployedMetrics().ap(), measures.get("map50_95").value(), 1e-12, "a supernet estimate is deterministic");
    assertFalse(measures.containsKey("map50_95_float"), measures.keySet().toString());
    assertTrue(r.method().startsWith("supernet-inherited parent " + candidate.parentHash() + " (supernet supernet.bin of tiny, 3 of 3"
        + " sandwich steps at 64 px, order slicing; BatchNorm statistics re-estimated on 2 train batches)"), r.method());
    assertTrue(r.method().contains("pruned by BN-scaled L1, BatchNorm re-estimated on 8 train batches and fine-tuned 1 steps") && r.method().contains("int8 calibrated"), r.method());
    assertTrue(Files.size(r.onnx()) > 1000, "the deployed model was written");
    double ap = r.deployedMetrics().ap();
    assertTrue(ap >= 0 && ap <= 1, "mAP " + ap);
    assertTrue(r.floatMetrics() == null && r.prunedMetrics() == null, "only the deployed model of an inherited estimate is scored");
    assertFalse(r.stepSeconds().containsKey("float-map") || r.stepSeconds().containsKey("pruned-map"), r.stepSeconds().toString());
  }

  /** The picks of a tiny candidate with pruned and int8 layers. */
  private static int[] compressed(SearchSpace space) {
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 200; i++) {
      int[] picks = space.samplePicks(random);
      Architecture a = space.freeze(picks);
      if (a.layers().stream().anyMatch(l -> l.prune() > 0) && a.layers().stream().anyMatch(l -> l.bits() == 8)) return picks;
    }
    throw new AssertionError("no compressed candidate drawn");
  }
}
