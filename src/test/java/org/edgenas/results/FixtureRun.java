package org.edgenas.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.search.SearchListener;
import org.edgenas.search.Search;
import org.edgenas.search.TestProject;

/**
 * Makes the test run folder {@code src/test/resources/runs/finished-tiny/} by running the real
 * search: {@code spaces/tiny.yaml}, two devices with budgets, four objectives, the yolo11n and
 * yolov8n baselines, and the cheap {@link FixtureEvaluators} in place of proxy training and
 * timings (their method texts say so); the built-in cost model and latency predictors run as in
 * any search. Regenerate with {@code -Dfixture.regenerate=true} on {@link FixtureRunTest}.
 */
public final class FixtureRun {
  public static final Path DIR = Path.of("src/test/resources/runs/finished-tiny");
  static final String RECIPE = """
      schema: 1
      space: spaces/tiny.yaml
      dataset: builtin:synthetic
      objectives:
        - {metric: map50_95, goal: max}
        - {metric: latency_ms, device: local, goal: min}
        - {metric: latency_ms, device: rpi5, goal: min}
        - {metric: params, goal: min}
      devices:
        local: {budget_ms: 1.3}
        rpi5: {budget_ms: 6.1}
      population: 12
      generations: 3
      profile: evaluators/proxy-fast.yaml   # named, not run: the fixture's evaluators stand in for it
      train_per_generation: 4
      seed: 11
      baselines: [yolo11n, yolov8n]
      """;

  private FixtureRun() {}

  /** The evaluators that stand in for training and timings. */
  static List<Evaluator> evaluators() {
    return List.of(new FixtureEvaluators.Accuracy(), new FixtureEvaluators.Latency("local", 0.3, 60),
        new FixtureEvaluators.Latency("rpi5", 2.0, 250));
  }

  /** Runs the search into {@code dir} (emptied first); its project (recipe, space, device file) lives in {@code work}. */
  public static Search.Outcome write(Path dir, Path work) {
    try {
      deleteTree(dir);
      Path root = TestProject.create(work);
      Files.createDirectories(root.resolve("devices"));
      Files.createDirectories(root.resolve("spaces/reference"));
      Files.createDirectories(root.resolve("evaluators"));
      Files.copy(TestProject.REPO.resolve("evaluators/proxy-fast.yaml"), root.resolve("evaluators/proxy-fast.yaml"));
      for (String ref : List.of("yolo11n", "yolov8n")) {
        Files.copy(TestProject.REPO.resolve("spaces/reference/" + ref + ".yaml"), root.resolve("spaces/reference/" + ref + ".yaml"));
      }
      Files.writeString(root.resolve("devices/rpi5.yaml"), """
          # a device file for the fixture run: no device is contacted (test doubles time it)
          schema: 1
          name: rpi5
          host: 127.0.0.1
          user: pi
          key: ~/.ssh/none
          host_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDLcNUF41RgkJ/H7UmUu2i1lEDUQRW9gEqyF1HzLVEqF
          runtime: edgenas-agent
          """);
      Path recipe = TestProject.recipe(root, "finished-tiny", RECIPE);
      Search.Options options = new Search.Options("fixture", evaluators(), 1, null);
      Search.Outcome outcome = Search.start(recipe, dir, options, SearchListener.SILENT);
      Files.deleteIfExists(dir.resolve(".lock"));
      return outcome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
