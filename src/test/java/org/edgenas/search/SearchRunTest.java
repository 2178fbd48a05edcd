package org.edgenas.search;

import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationLog;
import org.edgenas.evaluation.Kind;
import org.edgenas.recipe.RecipeLoader;
import org.edgenas.run.FrontFile;
import org.edgenas.run.RunFolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.cli.Main;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRunTest {
  @TempDir Path root;

  @Test
  void aRunWritesItsFolderAndTheFrontHoldsOnlyNonDominatedFeasibleModels() throws IOException {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "r", TestProject.tinyRecipe(8, 2, 1.3, 5));
    Path run = root.resolve("results/r1");
    Search.Outcome out = Search.start(recipe, run, TestProject.options(), SearchListener.SILENT);
    assertEquals(2, out.generation());
    JsonNode runJson = Json.mapper().readTree(run.resolve("run.json").toFile());
    assertEquals(RunFolder.recipeHash(RecipeLoader.load(recipe)), runJson.path("recipe_hash").asText());
    assertTrue(Files.exists(run.resolve("inputs/search/r.yaml")) && Files.exists(run.resolve("inputs/spaces/tiny.yaml")));
    assertTrue(runJson.path("provenance").path("device_fingerprints").path("local").path("cores").asInt() > 0);
    for (int g = 0; g <= 2; g++) assertTrue(Files.exists(run.resolve("checkpoints/gen-000" + g + ".json")));
    List<Evaluation> all;
    try (EvaluationLog log = EvaluationLog.open(run.resolve("evaluations.jsonl"))) {
      all = log.evaluations();
    }
    assertTrue(all.size() >= 8, "evaluations: " + all.size());
    FrontFile front = Json.mapper().readValue(run.resolve("pareto/front.json").toFile(), FrontFile.class);
    assertFalse(front.members().isEmpty());
    boolean anyFeasible = all.stream().anyMatch(Evaluation::feasible);
    for (var m : front.members()) {
      assertEquals(anyFeasible, m.feasible());
      assertEquals("estimated", m.feasibility(), "the budget was decided by the predictor only");
      assertEquals(Kind.ESTIMATE, m.values().get("latency_ms@local").kind());
      assertEquals(Kind.EXACT, m.values().get("params").kind());
    }
    var objectives = RecipeLoader.load(recipe).objectives();
    for (var m : front.members()) {
      Evaluation me = all.stream().filter(e -> e.hash().equals(m.hash())).findFirst().orElseThrow();
      for (Evaluation e : all) assertTrue(e.score(objectives).dominance(me.score(objectives)) <= 0, e.hash() + " dominates " + m.hash());
    }
  }

  @Test
  void aBudgetNoArchitectureMeetsIsRefusedBeforeSearchingWithTheCheapestEstimate() {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "r", TestProject.tinyRecipe(8, 2, 0.01, 1));
    Path run = root.resolve("results/never");
    var e = assertThrows(BadInputException.class, () -> Search.start(recipe, run, TestProject.options(), SearchListener.SILENT));
    assertTrue(e.getMessage().matches(".*r\\.yaml:9: devices\\.local\\.budget_ms 0\\.01 cannot be met: the cheapest of 257 architectures .* is estimated at \\d+\\.\\d{3} ms.*"),
        e.getMessage());
    assertFalse(Files.exists(run), "nothing is written before the search starts");
  }

  @Test
  void aSecondRunOnALockedFolderIsRefused() {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "r", TestProject.tinyRecipe(8, 1, 10, 1));
    Path run = root.resolve("results/busy");
    try (RunFolder held = RunFolder.lock(run)) {
      var e = assertThrows(BadInputException.class, () -> Search.start(recipe, run, TestProject.options(), SearchListener.SILENT));
      assertTrue(e.getMessage().contains("is in use by another edgenas run"), e.getMessage());
    }
    Search.start(recipe, run, TestProject.options(), SearchListener.SILENT);
  }

  @Test
  void aFolderOfAnotherRecipeIsRefusedOnSearchAndOnResume() throws IOException {
    TestProject.create(root);
    Path a = TestProject.recipe(root, "a", TestProject.tinyRecipe(8, 1, 10, 1));
    Path b = TestProject.recipe(root, "b", TestProject.tinyRecipe(8, 1, 10, 2));
    Path run = root.resolve("results/a");
    Search.start(a, run, TestProject.options(), SearchListener.SILENT);
    var e = assertThrows(BadInputException.class, () -> Search.start(b, run, TestProject.options(), SearchListener.SILENT));
    assertTrue(e.getMessage().contains("belongs to another recipe"), e.getMessage());
    Files.copy(b, run.resolve("inputs/search/a.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    var r = assertThrows(BadInputException.class, () -> Search.resume(run, TestProject.options(), SearchListener.SILENT));
    assertTrue(r.getMessage().contains("belongs to another recipe"), r.getMessage());
  }

  @Test
  void theCliRunsTheSmokeRecipeAndRefusesAnUnknownRunFolder() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path log = root.resolve("log.jsonl");
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "search", "search/smoke.yaml", "--results", root.toString(),
        "--run", "smoke", "--log-json", log.toString());
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("gen 3/3: "), out.toString());
    assertTrue(out.toString().contains("models on the front"), out.toString());
    assertTrue(Files.readAllLines(log).stream().filter(l -> l.contains("\"event\":\"generation\"")).count() == 3);
    StringWriter err2 = new StringWriter();
    assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err2), "resume", root.resolve("nope").toString()));
    assertTrue(err2.toString().contains("has no run.json"), err2.toString());
  }
}
