package org.edgenas.cli;

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
    Path profile = tmp.resolve("p.yaml");
    Files.writeString(profile, """
        proxy: {imgsz: 64, steps: 6, batch: 8, lr0: 0.01, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.1,
          momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0,
          augment: {flip: 0.5, scale: 0.0, hsv: false}}
        """);
    String out = MainTest.runCapture(0, "train", "spaces/tiny.yaml", "--data", data.toString(), "--profile", profile.toString(),
        "--out", tmp.resolve("out").toString(), "--quiet")[0];
    assertTrue(out.contains("Average Precision"), out);
    JsonNode metrics = Json.mapper().readTree(tmp.resolve("out/metrics.json").toFile());
    assertTrue(metrics.at("/method").asText().contains("exported ONNX"), metrics.toString());
    assertTrue(Files.size(tmp.resolve("out/model.onnx")) > 10_000);
    String eval = MainTest.runCapture(0, "eval", tmp.resolve("out/model.onnx").toString(), "--data", data.toString())[0];
    assertTrue(eval.contains("maxDets=100"), eval);
  }

  @Test
  void badDatasetIsOneSentenceAndExitTwo(@TempDir Path tmp) {
    String err = MainTest.runCapture(2, "train", "spaces/tiny.yaml", "--data", tmp.resolve("none.yaml").toString(),
        "--out", tmp.resolve("out").toString())[1];
    assertTrue(err.contains("none.yaml"), err);
  }
}
