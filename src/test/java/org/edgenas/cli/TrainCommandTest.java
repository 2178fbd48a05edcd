package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @Test
  void trainWritesTheDeployedModelAndMetricsAndEvalScoresIt(@TempDir Path tmp) throws Exception {
    Path data = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 32, 8, 96, 1));
    String out = train(tmp, data, "steps: 6, batch: 8, seed: 0, augment: {flip: 0.5, scale: 0.0, hsv: false}");
    assertTrue(out.contains("Average Precision"), out);
    JsonNode metrics = Json.mapper().readTree(tmp.resolve("out/metrics.json").toFile());
    assertTrue(metrics.at("/method").asText().contains("exported ONNX"), metrics.toString());
    assertTrue(Files.size(tmp.resolve("out/model.onnx")) > 10_000);
    String eval = MainTest.runCapture(0, "eval", tmp.resolve("out/model.onnx").toString(), "--data", data.toString())[0];
    assertTrue(eval.contains("maxDets=100"), eval);
  }

  @Test
  void aProfileOfTwoSeedsReportsTheirMeanBesideTheExportedModelsOwnTable(@TempDir Path tmp) throws Exception {
    String out = train(tmp, SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 16, 8, 96, 1)),
        "steps: 4, batch: 4, seed: 3, seeds: 2");
    assertTrue(out.contains("the table is model.onnx's (profile seed 3); the profile's estimate, the mean of 2 trainings"), out);
    JsonNode metrics = Json.mapper().readTree(tmp.resolve("out/metrics.json").toFile());
    assertEquals("[3,4]", metrics.at("/estimate/seeds").toString());
    JsonNode each = metrics.at("/estimate/map50_95_each");
    assertEquals(2, each.size());
    assertEquals((each.get(0).asDouble() + each.get(1).asDouble()) / 2, metrics.at("/estimate/deployed_mean/ap").asDouble(), 1e-12);
    assertEquals(each.get(0).asDouble(), metrics.at("/deployed/ap").asDouble(), 1e-12, "the file's own metrics are the first seed's");
  }

  /** Runs {@code edgenas train} on tiny.yaml at 64 px with a profile of {@code settings} plus fixed optimizer keys; its stdout. */
  private static String train(Path tmp, Path data, String settings) throws Exception {
    Path profile = Files.writeString(tmp.resolve("p.yaml"), "proxy: {imgsz: 64, " + settings + ", lr0: 0.01, lrf: 0.01,"
        + " warmup_steps: 1, warmup_bias_lr: 0.1, momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1}\n");
    return MainTest.runCapture(0, "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile.toString(),
        "--out", tmp.resolve("out").toString(), "--quiet")[0];
  }

  @Test
  void badDatasetIsOneSentenceAndExitTwo(@TempDir Path tmp) {
    String err = MainTest.runCapture(2, "train", "spaces/tiny.yaml", "--data", tmp.resolve("none.yaml").toString(),
        "--out", tmp.resolve("out").toString())[1];
    assertTrue(err.contains("none.yaml"), err);
  }
}
