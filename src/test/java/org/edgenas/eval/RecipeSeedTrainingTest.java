package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe's seed is the master seed of every training: a real short DJL proxy training of the
 * same candidate, built from the recipe as a search builds it, gives other weights under another
 * recipe seed and the very same weights under the same seed; the profile's seed offsets it.
 */
class RecipeSeedTrainingTest {
  @TempDir Path root;

  /** A project: the tiny space, a small synthetic dataset and a 3-step proxy profile. */
  @BeforeEach
  void project() throws Exception {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    SyntheticDataset.generate(root.resolve("data"), new SynthOptions(4, 12, 4, 64, 5));
    Files.writeString(root.resolve("evaluators/p.yaml"), """
        proxy: {imgsz: 64, steps: 3, batch: 4, lr0: 0.01, lrf: 0.01, warmup_steps: 0, momentum: 0.9,
          weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        """);
  }

  @Test
  void twoRecipeSeedsTrainDifferentlyAndOneSeedTrainsAlike() throws Exception {
    byte[] one = trainedParent(1, "a");
    byte[] two = trainedParent(2, "b");
    byte[] oneAgain = trainedParent(1, "c");
    assertArrayEquals(one, oneAgain, "the same recipe seed trains the same weights");
    assertFalse(Arrays.equals(one, two), "another recipe seed trains other weights");
  }

  @Test
  void theAnswerCacheKeyAndTheTrainingSeedFollowTheMasterSeedAndTheProfileSeedOffsetsIt() throws Exception {
    Evaluator a = proxyEvaluator(load(1), root.resolve("runs/k1"));
    Evaluator b = proxyEvaluator(load(2), root.resolve("runs/k2"));
    assertNotEquals(a.profileHash(), b.profileHash(), "answers trained under another master seed are never reused");
    assertEquals(a.profileHash(), proxyEvaluator(load(1), root.resolve("runs/k3")).profileHash());
    ProxyEvaluation seeded = new ProxyEvaluation(null, null, "k", "d", null, 7, null, null, p -> {});
    ProxyEvaluation otherMaster = new ProxyEvaluation(null, null, "k", "d", null, 8, null, null, p -> {});
    assertNotEquals(seeded.trainingSeed(0), otherMaster.trainingSeed(0), "the training seed derives from the master seed");
    assertEquals(seeded.trainingSeed(0) + 3, seeded.trainingSeed(3), "the profile's seed offsets the derived seed");
  }

  private Recipe load(int seed) throws Exception {
    Path recipe = Files.writeString(root.resolve("search/seed" + seed + ".yaml"), """
        schema: 1
        space: spaces/tiny.yaml
        dataset: data/data.yaml
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: params, goal: min}
        profile: evaluators/p.yaml
        population: 4
        generations: 1
        seed: %d
        """.formatted(seed));
    return RecipeLoader.load(recipe);
  }

  private static Evaluator proxyEvaluator(Recipe recipe, Path runDir) {
    List<Evaluator> evaluators = RecipeEvaluators.forRecipe(recipe, runDir, hash -> progress -> {});
    return evaluators.stream().filter(e -> e instanceof ProxyEvaluator).findFirst().orElseThrow();
  }

  /** Evaluates tiny's default architecture as a search with this recipe seed does; the trained float parent's ONNX bytes. */
  private byte[] trainedParent(int seed, String run) throws Exception {
    Recipe recipe = load(seed);
    Path runDir = root.resolve("runs").resolve(run);
    Architecture arch = recipe.space().freeze(recipe.space().defaultPicks());
    proxyEvaluator(recipe, runDir).evaluate(new Candidate(recipe.space().defaultPicks(), arch, recipe.imgsz(),
        Candidate.seedFor(recipe.seed(), arch.hash())));
    return Files.readAllBytes(runDir.resolve(CandidateModels.FOLDER).resolve(arch.parentHash() + "-float.onnx"));
  }
}
