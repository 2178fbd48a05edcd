package org.edgenas.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.common.EdgenasVersion;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.evaluation.Candidate;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.recipe.Recipe;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/** A tiny evaluator profile (a few steps at 64 px) and requests for sampled architectures of spaces/tiny.yaml. */
public final class WorkerFixture {
  public static final String PROFILE = """
      proxy: {imgsz: 64, steps: 6, batch: 8, lr0: 0.005, lrf: 0.01, warmup_steps: 2, warmup_bias_lr: 0.1,
        momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 32, threads: 1, seed: 0,
        augment: {flip: 0.5, scale: 0.0, hsv: false}}
      compress: {finetune_steps: 2, calibration_images: 4}
      latency: {warmup_iterations: 2, warmup_min_seconds: 0.05, repeats: 10, intra_op_threads: 1, max_cv: 0.5, max_retries: 0}
      """;

  private WorkerFixture() {}

  /** Runs the CLI in this JVM, checks its exit code; answers {stdout, stderr}. */
  public static String[] cli(int expected, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = org.edgenas.cli.Main.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args);
    org.junit.jupiter.api.Assertions.assertEquals(expected, code, () -> "exit code; out: " + out + " err: " + err);
    return new String[] {out.toString(), err.toString()};
  }

  public static Path profile(Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("tiny-proxy.yaml"), PROFILE);
  }

  /** The template of requests on the built-in synthetic dataset with the tiny profile at 64 px. */
  public static DelegatedProxyEvaluator.Template template(Path profile) {
    Path yaml = SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults());
    YoloDataset d = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
    return DelegatedProxyEvaluator.template(EdgenasVersion.current(), 7, Recipe.SYNTHETIC, TrainingKeys.datasetFingerprint(yaml, d),
        profile, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 64));
  }

  /** A request for the architecture of spaces/tiny.yaml sampled with {@code pickSeed}. */
  public static EvaluationRequest request(DelegatedProxyEvaluator.Template template, long pickSeed) {
    return template.request(candidate(pickSeed));
  }

  /** The candidate of spaces/tiny.yaml sampled with {@code pickSeed}, at 64 px. */
  public static Candidate candidate(long pickSeed) {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4);
    int[] picks = space.samplePicks(new java.util.SplittableRandom(pickSeed));
    Architecture arch = space.freeze(picks);
    return new Candidate(picks, arch, 64, Candidate.seedFor(7, arch.hash()));
  }
}
