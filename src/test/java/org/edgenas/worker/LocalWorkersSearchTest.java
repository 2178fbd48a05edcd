package org.edgenas.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.edgenas.common.Json;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.search.SearchListener;
import org.edgenas.search.Search;
import org.edgenas.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cheap search (real proxy training of tiny-space candidates) run with its proxy trainings in two
 * worker processes ends with the same front, with the same accuracies, as the same search with
 * every training in its own process, and hears their training steps.
 */
class LocalWorkersSearchTest {
  @TempDir Path root;

  @Test
  void twoWorkerProcessesGiveTheFrontOfTheInProcessRun() throws Exception {
    Path recipe = SearchFixture.project(root, 5);
    Search.Options base = new Search.Options("test", List.of(), 2, null);
    Search.start(recipe, root.resolve("results/inprocess"),
        base.withPlugins((r, dir) -> RecipeEvaluators.forRecipe(r, dir, h -> ProgressListener.NONE)), SearchListener.SILENT);
    List<String> notes = new ArrayList<>();
    java.util.Set<String> stepsHeard = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Search.start(recipe, root.resolve("results/workers"), base.withPlugins((r, dir) -> DelegatedEvaluators.withBackend(r, dir,
        h -> p -> stepsHeard.add(h + " " + p.step() + "/" + p.steps()), () -> new LocalWorkers(dir, 2), notes::add)), SearchListener.SILENT);
    assertTrue(stepsHeard.stream().anyMatch(s -> s.endsWith(" 6/6")), "the search hears the workers' training steps: " + stepsHeard);
    assertEquals(List.of("proxy training on 2 worker processes on this machine"), notes);
    assertEquals(SearchFixture.front(root.resolve("results/inprocess")), SearchFixture.front(root.resolve("results/workers")));
    Set<String> workerNames = new TreeSet<>();
    try (var dirs = Files.list(root.resolve("results/workers/work"))) {
      for (Path d : dirs.toList()) workerNames.add(EvaluationResult.read(d.resolve("result.json")).worker());
    }
    assertEquals(2, workerNames.size(), "both worker processes trained: " + workerNames);
    JsonNode front = Json.mapper().readTree(root.resolve("results/workers/pareto/front.json").toFile());
    for (JsonNode m : front.path("members")) {
      assertTrue(Files.size(root.resolve("results/workers/models").resolve(m.path("hash").asText() + "-deployed.onnx")) > 1000);
    }
  }

  @Test
  void aProfileStartingFromACheckpointIsRefusedWithWorkers() throws Exception {
    Path recipe = SearchFixture.project(root, 5);
    Path profile = root.resolve("evaluators/tiny-proxy.yaml");
    Files.writeString(root.resolve("evaluators/start.onnx"), "not read before the refusal");
    Files.writeString(profile, Files.readString(profile) + "init: start.onnx\n");
    var withDefault = org.edgenas.recipe.RecipeLoader.load(recipe);
    assertEquals(0, withDefault.workers());
    Files.writeString(recipe, Files.readString(recipe) + "workers: 2\n");
    var withWorkers = org.edgenas.recipe.RecipeLoader.load(recipe);
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.edgenas.common.BadInputException.class,
        () -> DelegatedEvaluators.forRecipe(withWorkers, root.resolve("r"), h -> ProgressListener.NONE, s -> {}));
    assertTrue(e.getMessage().endsWith("starts trainings from a checkpoint (init:), which worker processes and clusters do not support"
        + " yet; drop workers:/cluster: from the recipe"), e.getMessage());
  }
}
