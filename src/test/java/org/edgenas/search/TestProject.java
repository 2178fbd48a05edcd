package org.edgenas.search;

import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.search.Search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A throw-away project root for tests: spaces/tiny.yaml copied in, recipes written under search/. */
public final class TestProject {
  public static final Path REPO = Path.of("").toAbsolutePath();

  private TestProject() {}

  public static Path create(Path root) {
    try {
      Files.createDirectories(root.resolve("spaces"));
      Files.createDirectories(root.resolve("search"));
      Files.copy(REPO.resolve("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path recipe(Path root, String name, String yaml) {
    try {
      Path p = root.resolve("search").resolve(name + ".yaml");
      Files.writeString(p, yaml);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A cheap tiny-space recipe: params and gflops min, local latency min with a budget. */
  public static String tinyRecipe(int population, int generations, double budgetMs, long seed) {
    return """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: params, goal: min}
          - {metric: gflops, goal: min}
          - {metric: latency_ms, device: local, goal: min}
        devices:
          local: {budget_ms: %s}
        population: %d
        generations: %d
        seed: %d
        """.formatted(budgetMs, population, generations, seed);
  }

  /**
   * A deterministic evaluator that takes time (a stand-in for a measurement) and counts its calls
   * per architecture: the metric is a function of the hash only.
   */
  public static final class SlowProbe implements Evaluator {
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final long sleepMs;

    SlowProbe(long sleepMs) {
      this.sleepMs = sleepMs;
    }

    @Override
    public String name() {
      return "slow-probe";
    }

    @Override
    public java.util.Set<String> metrics() {
      return java.util.Set.of("probe");
    }

    @Override
    public String profileHash() {
      return "probe-1";
    }

    @Override
    public String deviceFingerprint() {
      return "test-device";
    }

    @Override
    public String queue() {
      return "device:probe";
    }

    @Override
    public Map<String, Measure> evaluate(Candidate c) throws InterruptedException {
      calls.computeIfAbsent(c.hash(), h -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(sleepMs);
      return Map.of("probe", new Measure(Long.parseUnsignedLong(c.hash().substring(0, 8), 16), Kind.MEASURED, "test probe"));
    }
  }

  public static Search.Options options(Evaluator... extra) {
    return new Search.Options("test", List.of(extra), 2, null);
  }
}
