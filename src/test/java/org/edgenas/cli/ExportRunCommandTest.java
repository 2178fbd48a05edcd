package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.results.Exporter;
import org.edgenas.run.Run;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportRunCommandTest {
  static final String RUN = "src/test/resources/runs/finished-tiny";
  @TempDir Path tmp;

  @Test
  void exportsEveryFrontModelWithAReadableSpaceFileMetricsAndManifest() throws Exception {
    String out = MainTest.runCapture(0, "export", RUN, "--all", "--to", tmp.toString())[0];
    JsonNode manifest = Json.mapper().readTree(tmp.resolve("manifest.json").toFile());
    Run run = Run.read(Path.of(RUN));
    assertEquals(run.front().size(), manifest.path("models").size());
    assertTrue(out.startsWith("exported " + run.front().size() + " model(s)"), out);
    int ultralytics = 0;
    for (JsonNode m : manifest.path("models")) {
      String hash = m.path("hash").asText();
      SearchSpace back = SpaceLoader.load(tmp.resolve(m.path("architecture").asText()));
      assertEquals(hash, back.freeze(back.defaultPicks()).hash());
      JsonNode metrics = Json.mapper().readTree(tmp.resolve(m.path("metrics").asText()).toFile());
      assertEquals("MEASURED", metrics.at("/objectives/latency_ms@rpi5/kind").asText());
      assertEquals("EXACT", metrics.at("/objectives/params/kind").asText());
      assertTrue(metrics.at("/objectives/map50_95/method").asText().contains("proxy training"));
      assertEquals(metrics.at("/objectives/map50_95/value").asDouble(), metrics.at("/evaluation/values/map50_95/value").asDouble());
      assertTrue(m.path("onnx").isNull());
      assertTrue(m.path("onnx_note").asText().contains("no trained model file"));
      if (m.path("ultralytics").isNull()) {
        assertTrue(Files.readString(tmp.resolve(hash).resolve("ultralytics-note.txt")).contains("no Ultralytics"));
      } else {
        ultralytics++;
        assertTrue(Files.readString(tmp.resolve(m.path("ultralytics").asText())).contains("Detect, [4]"));
      }
    }
    System.out.println("export of the fixture: " + manifest.path("models").size() + " models, " + ultralytics + " with an Ultralytics YAML");
  }

  @Test
  void pickTakesTheBestMapUnderALatencyBudget() throws Exception {
    Run run = Run.read(Path.of(RUN));
    Evaluation expected = run.front().stream()
        .filter(r -> r.values().get("latency_ms@rpi5").value() < 6)
        .max(java.util.Comparator.comparingDouble(r -> r.values().get("map50_95").value())).orElseThrow();
    MainTest.runCapture(0, "export", RUN, "--pick", "best-map latency@rpi5<6ms", "--to", tmp.toString());
    JsonNode models = Json.mapper().readTree(tmp.resolve("manifest.json").toFile()).path("models");
    assertEquals(1, models.size());
    assertEquals(expected.hash(), models.get(0).path("hash").asText());
  }

  @Test
  void kneeExportsOneFrontModel() throws Exception {
    MainTest.runCapture(0, "export", RUN, "--knee", "--to", tmp.toString());
    JsonNode models = Json.mapper().readTree(tmp.resolve("manifest.json").toFile()).path("models");
    assertEquals(1, models.size());
    List<String> front = Run.read(Path.of(RUN)).front().stream().map(Evaluation::hash).toList();
    assertTrue(front.contains(models.get(0).path("hash").asText()));
  }

  @Test
  void badPicksExitWithTwoAndSayWhy() {
    String err = MainTest.runCapture(2, "export", RUN, "--pick", "best-map latency@jetson<30ms", "--to", tmp.toString())[1];
    assertTrue(err.contains("device 'jetson'") && err.contains("local, rpi5"), err);
    err = MainTest.runCapture(2, "export", RUN, "--pick", "best-map params<1k", "--to", tmp.toString())[1];
    assertTrue(err.contains("no model of the"), err);
    err = MainTest.runCapture(2, "export", RUN, "--pick", "fastest", "--to", tmp.toString())[1];
    assertTrue(err.contains("cannot read 'fastest'"), err);
    err = MainTest.runCapture(2, "export", RUN, "--pick", "params<2ms", "--to", tmp.toString())[1];
    assertTrue(err.contains("unit 'ms'"), err);
    err = MainTest.runCapture(2, "export", RUN, "--knee", "--pick", "best-map", "--to", tmp.toString())[1];
    assertTrue(err.contains("mutually exclusive"), err);
    err = MainTest.runCapture(2, "export", tmp.toString(), "--to", tmp.toString())[1];
    assertTrue(err.contains("not a run folder"), err);
  }

  @Test
  void aMaterializerWritesTheOnnxAndTheManifestPointsAtIt() throws Exception {
    List<String> asked = new ArrayList<>();
    Path manifest = new Exporter((rec, dir) -> {
      asked.add(rec.hash());
      Path onnx = dir.resolve("model.onnx");
      org.edgenas.common.AtomicFiles.writeString(onnx, "placeholder for " + rec.hash());
      return onnx;
    }).export(Run.read(Path.of(RUN)), Exporter.Selection.KNEE, tmp);
    JsonNode model = Json.mapper().readTree(manifest.toFile()).path("models").get(0);
    assertEquals(List.of(model.path("hash").asText()), asked);
    assertEquals(model.path("hash").asText() + "/model.onnx", model.path("onnx").asText());
    assertTrue(Files.isRegularFile(tmp.resolve(model.path("onnx").asText())));
  }
}
