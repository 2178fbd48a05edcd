package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search end to end, as the quickstart runs it but smaller: the built-in synthetic dataset,
 * proxy training with DJL, pruning and quantization as the genes say, the mAP of the exported ONNX
 * in ONNX Runtime, latency measured on this machine, the surrogate budget, a reference baseline
 * evaluated the same way, then report and export.
 */
class SearchEndToEndTest {
  @Test
  void aTinySearchEndsWithARealFrontAReportAndExportedModels(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    Files.createDirectories(root.resolve("spaces/reference"));
    Files.copy(Path.of("spaces/reference/yolo11n.yaml"), root.resolve("spaces/reference/yolo11n.yaml"));
    Files.writeString(root.resolve("evaluators/e2e.yaml"), """
        proxy: {imgsz: 64, steps: 12, batch: 8, lr0: 0.005, lrf: 0.01, warmup_steps: 4, warmup_bias_lr: 0.1,
          momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 48, threads: 1, seed: 0,
          augment: {flip: 0.5, scale: 0.0, hsv: false}}
        compress: {finetune_steps: 3, calibration_images: 4}
        latency: {warmup_iterations: 2, warmup_min_seconds: 0.05, repeats: 10, intra_op_threads: 1, max_cv: 0.5, max_retries: 0}
        """);
    Path recipe = root.resolve("search/e2e.yaml");
    Files.writeString(recipe, """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        imgsz: 64
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: latency_ms, device: local, goal: min}
          - {metric: params, goal: min}
        devices:
          local: {budget_ms: 50}
        profile: evaluators/e2e.yaml
        population: 6
        generations: 1
        train_per_generation: 2
        baselines: [yolo11n]
        seed: 3
        """);
    String out = MainTest.runCapture(0, "search", recipe.toString(), "--run", "e2e", "--results", root.resolve("results").toString(), "--quiet")[0];
    Path run = root.resolve("results/e2e");
    assertTrue(out.contains("report: "), out);
    JsonNode front = Json.mapper().readTree(run.resolve("pareto/front.json").toFile());
    assertTrue(front.path("members").size() >= 1, front.toString());
    for (JsonNode m : front.path("members")) {
      assertEquals("MEASURED", m.at("/values/map50_95/kind").asText(), "front mAP must be proxy-trained: " + m);
      assertEquals("MEASURED", m.at("/values/latency_ms@local/kind").asText(), "front latency must be measured: " + m);
      assertTrue(m.at("/values/map50_95/method").asText().contains("exported ONNX in ONNX Runtime"), m.toString());
    }
    JsonNode manifest = Json.mapper().readTree(run.resolve("pareto/models/manifest.json").toFile());
    assertEquals(front.path("members").size(), manifest.path("models").size());
    for (JsonNode m : manifest.path("models")) {
      Path onnx = run.resolve("pareto/models").resolve(m.path("onnx").asText());
      assertTrue(Files.size(onnx) > 10_000, "exported ONNX " + onnx);
    }
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("<table") && html.contains("data:image/png;base64,"), "report with table and plots");
    var read = org.edgenas.run.Run.read(run);
    assertEquals(java.util.List.of("yolo11n"), read.baselines().stream().map(org.edgenas.run.Baseline::name).toList());
    var baseline = read.baselines().getFirst().evaluation();
    assertEquals(org.edgenas.evaluation.Kind.MEASURED, baseline.values().get("latency_ms@local").kind(), "baseline measured the same way: " + baseline);
    assertTrue(read.front().stream().noneMatch(r -> r.hash().equals(baseline.hash())), "a baseline never joins the front");
    String lines = Files.readString(run.resolve("evaluations.jsonl"));
    assertTrue(lines.contains("\"evaluator\":\"proxy-train\""), "proxy training ran");
  }
}
