package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.run.Finals;
import org.edgenas.run.Run;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search whose recipe names {@code final:}: every front member gets one standalone answer in
 * {@code final.jsonl} (a cheap test double stands in for the training), export and report carry it,
 * and a resumed run does not train again what is there.
 */
class FinalTrainingTest {
  @TempDir Path tmp;

  /** Stands in for the standalone training: the fixture's accuracy plus a little, counted per model. */
  static final class Standalone implements Evaluator {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "final-train";
    }

    @Override
    public Set<String> metrics() {
      return Set.of("map50_95");
    }

    @Override
    public String profileHash() {
      return "standalone-double";
    }

    @Override
    public String deviceFingerprint() {
      return "none";
    }

    @Override
    public Map<String, Measure> evaluate(Candidate c) {
      calls.computeIfAbsent(c.hash(), h -> new AtomicInteger()).incrementAndGet();
      return Map.of("map50_95", new Measure(FixtureEvaluators.Accuracy.map(c) + 0.1, Kind.MEASURED,
          FixtureEvaluators.NOT_REAL + "standalone training"));
    }
  }

  @Test
  void everyFrontMemberIsTrainedOnceAndExportReportAndTableCarryIt() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(TestProject.REPO.resolve("evaluators/proxy-fast.yaml"), root.resolve("evaluators/proxy-fast.yaml"));
    Files.copy(TestProject.REPO.resolve("evaluators/proxy-long.yaml"), root.resolve("evaluators/proxy-long.yaml"));
    Path recipe = TestProject.recipe(root, "final", """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: latency_ms, device: local, goal: min}
        devices:
          local: {budget_ms: 1.3}
        population: 8
        generations: 2
        profile: evaluators/proxy-fast.yaml
        final: evaluators/proxy-long.yaml
        seed: 5
        """);
    Standalone standalone = new Standalone();
    Search.Options options = new Search.Options("test", FixtureRun.evaluators(), 1, null).withFinals((r, dir) -> standalone);
    Path dir = tmp.resolve("run");
    Search.Outcome outcome = Search.start(recipe, dir, options, SearchListener.SILENT);

    Run run = Run.read(dir);
    List<String> front = outcome.front().members().stream().map(m -> m.hash()).toList();
    assertFalse(front.isEmpty());
    assertEquals(Set.copyOf(front), run.finals().keySet(), "one final answer per front member");
    for (String h : front) assertEquals(1, standalone.calls.get(h).get(), h);
    for (Evaluation e : run.front()) {
      assertEquals(run.finals().get(e.hash()).values().get("map50_95").value(), run.finalAccuracy(e.hash()).value());
    }

    Path manifest = new Exporter(null).export(run, Exporter.Selection.ALL, tmp.resolve("export"));
    for (JsonNode model : Json.mapper().readTree(manifest.toFile()).path("models")) {
      JsonNode m = Json.mapper().readTree(tmp.resolve("export").resolve(model.path("metrics").asText()).toFile());
      String hash = model.path("hash").asText();
      assertEquals(run.finalAccuracy(hash).value(), m.at("/final_accuracy/map50_95/value").asDouble(), m.toString());
      assertEquals("MEASURED", m.at("/final_accuracy/map50_95/kind").asText());
      assertTrue(m.at("/final_accuracy/map50_95/method").asText().contains("standalone training"), m.toString());
      assertEquals(m.at("/objectives/map50_95/value").asDouble(), m.at("/search_accuracy/map50_95/value").asDouble());
    }

    String html = HtmlReport.render(run);
    assertTrue(html.contains("id=\"final-tau\""), "the report shows the agreement");
    assertTrue(html.contains("Kendall τ " + (front.size() >= 3 ? "1.000" : "n/a")), html);
    assertEquals(front.size(), html.split("class=\"final-row\"", -1).length - 1);

    // resumed: nothing trained again; with one answer lost, only that one
    Search.resume(dir, options, SearchListener.SILENT);
    for (String h : front) assertEquals(1, standalone.calls.get(h).get(), h);
    List<String> lines = Files.readAllLines(Finals.log(dir));
    Files.write(Finals.log(dir), lines.subList(0, lines.size() - 1));
    Search.resume(dir, options, SearchListener.SILENT);
    assertEquals(front.size() + 1, standalone.calls.values().stream().mapToInt(AtomicInteger::get).sum());
    assertEquals(Set.copyOf(front), Run.read(dir).finals().keySet());
  }
}
