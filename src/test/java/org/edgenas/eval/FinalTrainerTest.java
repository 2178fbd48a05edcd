package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's {@code final:} trainer: a real (3-step) standalone training whose model lands in the run's {@code final/models/}. */
class FinalTrainerTest {
  @TempDir Path root;

  @Test
  void theFinalProfileTrainsStandaloneIntoItsOwnFolder() throws Exception {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    SyntheticDataset.generate(root.resolve("data"), new SynthOptions(4, 12, 4, 64, 5));
    Files.writeString(root.resolve("evaluators/long.yaml"), """
        proxy: {imgsz: 64, steps: 3, batch: 4, lr0: 0.01, lrf: 0.01, warmup_steps: 0, momentum: 0.9,
          weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        """);
    String recipe = """
        schema: 1
        space: spaces/tiny.yaml
        dataset: data/data.yaml
        objectives:
          - {metric: params, goal: min}
        population: 4
        generations: 1
        """;
    Recipe without = RecipeLoader.load(Files.writeString(root.resolve("search/a.yaml"), recipe));
    assertNull(RecipeEvaluators.finalTrainer(without, root.resolve("run"), h -> p -> {}));
    Recipe with = RecipeLoader.load(Files.writeString(root.resolve("search/b.yaml"), recipe + "final: evaluators/long.yaml\n"));
    Path run = root.resolve("run");
    Architecture arch = with.space().freeze(with.space().defaultPicks());
    try (Evaluator trainer = RecipeEvaluators.finalTrainer(with, run, h -> p -> {})) {
      assertEquals("final-train", trainer.name());
      Map<String, Measure> values = trainer.evaluate(new Candidate(with.space().defaultPicks(), arch, with.imgsz(),
          Candidate.seedFor(with.seed(), arch.hash())));
      assertEquals(Kind.MEASURED, values.get("map50_95").kind());
      assertTrue(values.get("map50_95").method().contains("long"), values.get("map50_95").method());
    }
    assertTrue(CandidateModels.deployedFile(run.resolve(RecipeEvaluators.FINAL_FOLDER).resolve(CandidateModels.FOLDER), arch.hash()) != null,
        "the standalone model is kept apart from the search's models/");
  }
}
