package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of a run the real search just made (cheap evaluators): every metrics.json carries each objective's value, kind and method. */
class CheapSearchExportTest {
  @TempDir Path tmp;

  @Test
  void metricsOfEveryExportedModelCarryTheObjectivesWithValueKindAndMethod() throws Exception {
    FixtureRun.write(tmp.resolve("run"), tmp.resolve("project"));
    Run run = Run.read(tmp.resolve("run"));
    Path manifest = new Exporter(null).export(run, Exporter.Selection.ALL, tmp.resolve("export"));
    JsonNode models = Json.mapper().readTree(manifest.toFile()).path("models");
    assertFalse(models.isEmpty(), "the search left models to export");
    for (JsonNode model : models) {
      JsonNode metrics = Json.mapper().readTree(tmp.resolve("export").resolve(model.path("metrics").asText()).toFile());
      Evaluation e = run.front().stream().filter(f -> f.hash().equals(model.path("hash").asText())).findFirst().orElseThrow();
      List<String> keys = run.objectives().stream().map(Objective::key).toList();
      assertEquals(keys.stream().sorted().toList(), iterable(metrics.path("objectives").fieldNames()).stream().sorted().toList(), "one entry per objective");
      for (String key : keys) {
        JsonNode o = metrics.path("objectives").path(key);
        Measure expected = e.values().get(key);
        assertEquals(expected.value(), o.path("value").asDouble(), key);
        assertEquals(expected.kind().name(), o.path("kind").asText(), key);
        assertEquals(expected.method(), o.path("method").asText(), key);
        assertTrue(List.of("MEASURED", "EXACT").contains(o.path("kind").asText()), "exported values are real: " + key + " " + o);
      }
      assertTrue(metrics.at("/objectives/params/method").asText().contains("cost model"), metrics.toString());
      assertTrue(metrics.at("/objectives/latency_ms@rpi5/method").asText().contains("test double"), metrics.toString());
    }
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
