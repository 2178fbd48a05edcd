package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.edgenas.supernet.SupernetFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search with {@code accuracy: supernet}: the supernet is trained into the run first, every
 * candidate's mAP is a supernet estimate (no proxy training runs), and the front table says where
 * its mAP comes from.
 */
class SupernetSearchEndToEndTest {
  @Test
  void aSearchEstimatesEveryCandidateFromTheSupernetItTrained(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    Files.writeString(root.resolve("evaluators/sn.yaml"), """
        proxy: {imgsz: 64, steps: 3, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
                momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        compress: {calibration_images: 4}
        supernet: {random_paths: 1, checkpoint_every: 2, bn_batches: 2}
        """);
    Path recipe = Files.writeString(root.resolve("search/sn.yaml"), """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: params, goal: min}
        profile: evaluators/sn.yaml
        accuracy: supernet
        population: 4
        generations: 1
        train_per_generation: 1
        seed: 3
        """);
    String out = MainTest.runCapture(0, "search", recipe.toString(), "--run", "sn", "--results", root.resolve("results").toString(),
        "--quiet")[0];
    Path run = root.resolve("results/sn");
    assertTrue(out.contains("mAP of models inherited from the space's supernet (not trained on their own) on the built-in synthetic dataset"), out);
    assertEquals(3, SupernetFile.header(run.resolve("supernet/supernet.bin")).step(), "trained into the run first");
    JsonNode front = Json.mapper().readTree(run.resolve("pareto/front.json").toFile());
    assertTrue(front.path("members").size() >= 1, front.toString());
    for (JsonNode m : front.path("members")) {
      assertEquals("MEASURED", m.at("/values/map50_95/kind").asText(), m.toString());
      assertTrue(m.at("/values/map50_95/method").asText().startsWith("supernet-inherited parent "), m.toString());
    }
    String lines = Files.readString(run.resolve("evaluations.jsonl"));
    assertTrue(lines.contains("\"evaluator\":\"supernet-estimate\""), "supernet estimates ran");
    assertFalse(lines.contains("\"evaluator\":\"proxy-train\""), "no proxy training ran");
    long estimated = lines.lines().filter(l -> l.contains("\"map50_95\"") && l.contains("supernet-inherited parent")).count();
    assertTrue(estimated >= 4, "every candidate of the generation was estimated, not only train_per_generation: " + estimated);
  }
}
