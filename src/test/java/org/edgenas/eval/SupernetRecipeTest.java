package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.edgenas.search.TestProject;
import org.edgenas.supernet.SupernetFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with {@code accuracy: supernet} trains the space's supernet into the run before the
 * search (a finished one is not trained again) and estimates accuracy from it; {@code supernet: PATH}
 * reuses a file, refused with the file and the field when it was trained for another task, and a
 * damaged or unfinished file is a clear error that leaves the file as it was.
 */
class SupernetRecipeTest {
  @TempDir Path root;

  static final String PROFILE = """
      proxy: {imgsz: 64, steps: 2, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
              momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
      supernet: {random_paths: 1, checkpoint_every: 1, bn_batches: 1}
      """;

  @BeforeEach
  void project() throws Exception {
    TestProject.create(root);
    Files.createDirectories(root.resolve("evaluators"));
    Files.writeString(root.resolve("evaluators/sn.yaml"), PROFILE);
    Files.copy(Path.of("evaluators/proxy-fast.yaml"), root.resolve("evaluators/proxy-fast.yaml"));
  }

  private Path recipe(String name, String extra) {
    return TestProject.recipe(root, name, """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: params, goal: min}
        population: 4
        generations: 1
        """ + extra);
  }

  @Test
  void keysAreCheckedWithTheirLine() throws Exception {
    var e = assertThrows(BadInputException.class, () -> RecipeLoader.load(recipe("a", "profile: evaluators/proxy-fast.yaml\naccuracy: supernet\n")));
    assertTrue(e.getMessage().contains("a.yaml:9: accuracy: supernet needs an evaluator profile with proxy: and supernet: sections"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> RecipeLoader.load(recipe("b", "profile: evaluators/sn.yaml\naccuracy: oneshot\n")));
    assertTrue(e.getMessage().contains("b.yaml:10: accuracy must be proxy (train every candidate) or supernet"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> RecipeLoader.load(recipe("c",
        "profile: evaluators/sn.yaml\naccuracy: proxy\nsupernet: evaluators/sn.yaml\n")));
    assertTrue(e.getMessage().contains("c.yaml:11: supernet: goes with accuracy: supernet"), e.getMessage());
    Recipe reuse = RecipeLoader.load(recipe("d", "profile: evaluators/sn.yaml\nsupernet: evaluators/sn.yaml\n"));
    assertEquals(Recipe.SUPERNET, reuse.accuracy(), "supernet: alone means accuracy: supernet");
    assertTrue(reuse.warnings().stream().anyMatch(w -> w.contains("d.yaml: accuracy: supernet without final: the front keeps the mAPs"
        + " of models inherited from the supernet")), "a front of inherited mAPs is said so: " + reuse.warnings());
    Recipe withFinal = RecipeLoader.load(recipe("e", "profile: evaluators/sn.yaml\nsupernet: evaluators/sn.yaml\nfinal: evaluators/proxy-fast.yaml\n"));
    assertTrue(withFinal.warnings().stream().noneMatch(w -> w.contains("without final:")), withFinal.warnings().toString());
    Recipe shipped = RecipeLoader.load(Path.of("search/supernet.yaml"));
    assertEquals(Recipe.SUPERNET, shipped.accuracy());
    assertEquals(null, shipped.supernet(), "the shipped recipe trains its supernet in the run");
    assertEquals(4, shipped.nc(), "the built-in synthetic dataset's classes");
  }

  @Test
  void theSupernetIsTrainedInTheRunThenReusedAndABadFileIsRefused() throws Exception {
    Path run = root.resolve("runs/r1");
    Recipe trains = RecipeLoader.load(recipe("train", "profile: evaluators/sn.yaml\naccuracy: supernet\n"));
    List<Evaluator> evaluators = RecipeEvaluators.forRecipe(trains, run, hash -> p -> {});
    Evaluator estimate = evaluators.stream().filter(x -> x.metrics().contains("map50_95")).findFirst().orElseThrow();
    assertEquals(ProxyEvaluator.SUPERNET, estimate.name());
    assertFalse(estimate.trains(), "a supernet estimate is not counted as a training");
    Path file = run.resolve(RecipeEvaluators.SUPERNET_FILE);
    assertEquals(2, SupernetFile.header(file).step());
    byte[] trained = Files.readAllBytes(file);
    RecipeEvaluators.forRecipe(trains, run, hash -> p -> {});
    assertArrayEquals(trained, Files.readAllBytes(file), "a finished supernet is reused as it is");

    Path copy = root.resolve("sn.bin");
    Files.write(copy, trained);
    Recipe reuses = RecipeLoader.load(recipe("reuse", "profile: evaluators/sn.yaml\nsupernet: sn.bin\n"));
    assertEquals(ProxyEvaluator.SUPERNET, RecipeEvaluators.forRecipe(reuses, root.resolve("runs/r2"), hash -> p -> {}).stream()
        .filter(x -> x.metrics().contains("map50_95")).findFirst().orElseThrow().name());

    Files.writeString(root.resolve("spaces/tiny.yaml"), Files.readString(root.resolve("spaces/tiny.yaml")) + "# edited\n");
    Recipe edited = RecipeLoader.load(recipe("reuse", "profile: evaluators/sn.yaml\nsupernet: sn.bin\n"));
    var e = assertThrows(BadInputException.class, () -> RecipeEvaluators.forRecipe(edited, root.resolve("runs/r3"), hash -> p -> {}));
    assertTrue(e.getMessage().startsWith(copy + ": the supernet was trained for another task (space: trained for space 'tiny'"), e.getMessage());
    Files.copy(TestProject.REPO.resolve("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    byte[] damaged = trained.clone();
    damaged[damaged.length / 2] ^= 0x10;
    Files.write(copy, damaged);
    e = assertThrows(BadInputException.class, () -> RecipeEvaluators.forRecipe(reuses, root.resolve("runs/r4"), hash -> p -> {}));
    assertTrue(e.getMessage().startsWith(copy + ": the supernet file is damaged"), e.getMessage());
    assertArrayEquals(damaged, Files.readAllBytes(copy), "the damaged file is left as it was");

    var header = SupernetFile.read(file).header();
    SupernetFile.write(copy, new org.edgenas.supernet.SupernetHeader(header.space(), header.spaceHash(), header.dataset(), header.imgsz(),
        header.classes(), header.profileHash(), header.importance(), 1, 2, 1, 1.0), SupernetFile.read(file).weights());
    e = assertThrows(BadInputException.class, () -> RecipeEvaluators.forRecipe(reuses, root.resolve("runs/r5"), hash -> p -> {}));
    assertTrue(e.getMessage().startsWith(copy + ": the supernet is unfinished (step 1 of 2)"), e.getMessage());
  }
}
