package org.edgenas.worker;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.Json;

/** A throw-away project for cheap searches with real proxy training: the tiny space, the tiny profile, mAP and params. */
public final class SearchFixture {
  private SearchFixture() {}

  /** Writes spaces/tiny.yaml, evaluators/tiny-proxy.yaml and search/cheap.yaml under {@code root}; returns the recipe. */
  public static Path project(Path root, long seed) throws IOException {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    WorkerFixture.profile(root.resolve("evaluators"));
    return Files.writeString(root.resolve("search/cheap.yaml"), """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        imgsz: 64
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: params, goal: min}
        profile: evaluators/tiny-proxy.yaml
        population: 4
        generations: 1
        seed: %d
        """.formatted(seed));
  }

  /** The front of a run as hash and objective values (mAP50-95, mAP50, params) per member: what must not depend on where it trained. */
  public static List<String> front(Path run) throws IOException {
    JsonNode front = Json.mapper().readTree(run.resolve("pareto/front.json").toFile());
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("evaluations.jsonl"))) {
      if (line.contains("\"status\":\"failed\"")) out.add("failed: " + Json.mapper().readTree(line).path("reason").asText());
    }
    for (JsonNode m : front.path("members")) {
      out.add(m.path("hash").asText() + " map50_95=" + m.at("/values/map50_95/value").asDouble() + " map50="
          + m.at("/values/map50/value").asDouble() + " params=" + m.at("/values/params/value").asDouble());
    }
    return out;
  }
}
