package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.Json;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.results.Exporter;
import org.edgenas.results.HtmlReport;
import org.edgenas.run.Run;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.train.ProgressListener;
import org.edgenas.worker.DelegatedEvaluators;
import org.edgenas.worker.LocalWorkers;
import org.edgenas.worker.SearchFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search (tiny float space, real proxy trainings) that ranks accuracy by {@code
 * training_speed}: every candidate carries it, measured and labelled as no mAP; the front is trained
 * standalone ({@code final:}) and the report, table and export set its mAP beside the search's
 * figure; worker processes give the same figures as training in this process.
 */
class TrainingSpeedSearchTest {
  @TempDir Path root;

  @Test
  void aSearchRanksByTrainingSpeedAndItsFrontIsTrainedStandalone() throws Exception {
    Path cheap = SearchFixture.project(root, 5);
    String tiny = Files.readString(root.resolve("spaces/tiny.yaml"));
    Files.writeString(root.resolve("spaces/tiny-float.yaml"),
        tiny.replace("body: {prune: {choose: [0, 0.5]}, bits: {choose: [32, 8]}}", "body: {prune: 0, bits: 32}"));
    Path recipe = Files.writeString(root.resolve("search/speed.yaml"), Files.readString(cheap)
        .replace("spaces/tiny.yaml", "spaces/tiny-float.yaml")
        .replace("{metric: map50_95, goal: max}", "{metric: training_speed, goal: max}") + "final: evaluators/tiny-proxy.yaml\n");
    Search.Options base = new Search.Options("test", List.of(), 2, null)
        .withFinals((r, dir) -> RecipeEvaluators.finalTrainer(r, dir, h -> ProgressListener.NONE));
    Path dir = root.resolve("results/inprocess");
    Search.start(recipe, dir, base.withPlugins((r, d) -> RecipeEvaluators.forRecipe(r, d, h -> ProgressListener.NONE)), SearchListener.SILENT);

    Run run = Run.read(dir);
    assertEquals(Objective.TRAINING_SPEED, run.accuracy().metric());
    assertFalse(run.candidates().isEmpty());
    for (Evaluation e : run.candidates()) {
      Measure speed = e.values().get(Objective.TRAINING_SPEED);
      assertEquals(Kind.MEASURED, speed.kind(), e.hash());
      assertTrue(speed.value() < 0 && Double.isFinite(speed.value()), "minus a mean loss: " + speed.value());
      assertTrue(speed.method().startsWith("minus the mean training loss over steps 4–6 of 6") && speed.method().contains("not an mAP"),
          speed.method());
    }
    List<Evaluation> front = run.front();
    assertFalse(front.isEmpty());
    for (Evaluation e : front) assertTrue(run.finalAccuracy(e.hash()) != null, "the front member " + e.hash() + " was trained standalone");

    String html = HtmlReport.render(run);
    assertTrue(html.contains("<th>search training_speed</th><th>final standalone map50_95</th>"), html);
    assertTrue(html.contains("id=\"final-tau\""), html);
    String table = String.join("\n", FrontTable.lines(run));
    assertTrue(table.contains("train-speed: minus the mean training loss over the second half of short proxy trainings"), table);
    assertTrue(table.contains("final standalone mAP50-95: "), table);

    Path manifest = new Exporter(null).export(run, Exporter.Selection.ALL, root.resolve("export"));
    for (JsonNode model : Json.mapper().readTree(manifest.toFile()).path("models")) {
      JsonNode m = Json.mapper().readTree(root.resolve("export").resolve(model.path("metrics").asText()).toFile());
      assertEquals(m.at("/objectives/training_speed/value").asDouble(), m.at("/search_accuracy/training_speed/value").asDouble(), m.toString());
      assertEquals(run.finalAccuracy(model.path("hash").asText()).value(), m.at("/final_accuracy/map50_95/value").asDouble(), m.toString());
    }

    Evaluation fastest = front.stream().max(java.util.Comparator.comparingDouble(e -> e.values().get(Objective.TRAINING_SPEED).value()))
        .orElseThrow();
    assertEquals(List.of(fastest), org.edgenas.results.ModelSelection.pick(run, front, "best-training_speed"));

    // the same search with its trainings in two worker processes: the same front, the same figures
    Path workers = root.resolve("results/workers");
    Search.start(recipe, workers, base.withPlugins((r, d) -> DelegatedEvaluators.withBackend(r, d, h -> ProgressListener.NONE,
        () -> new LocalWorkers(d, 2), s -> {})), SearchListener.SILENT);
    assertEquals(speeds(Run.read(dir)), speeds(Run.read(workers)));
  }

  private static List<String> speeds(Run run) {
    return run.front().stream().map(e -> e.hash() + " " + e.values().get(Objective.TRAINING_SPEED).value()).toList();
  }
}
