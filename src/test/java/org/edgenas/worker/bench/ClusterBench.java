package org.edgenas.worker.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Cluster;
import org.edgenas.recipe.Recipe;
import org.edgenas.search.SearchListener;
import org.edgenas.search.Search;
import org.edgenas.worker.ClusterFixture;
import org.edgenas.worker.DelegatedEvaluators;
import org.edgenas.worker.EvaluationBackend;
import org.edgenas.worker.EvaluationRequest;
import org.edgenas.worker.EvaluationResult;
import org.edgenas.worker.LocalWorkers;
import org.edgenas.worker.SearchFixture;
import org.edgenas.worker.TemporalBackend;
import org.edgenas.worker.WorkerFixture;
import org.edgenas.train.ProgressListener;

/**
 * The same small search (spaces/tiny.yaml, the tiny profile, built-in synthetic data) with its
 * proxy trainings in this process, in 2 local worker processes, and on 2 Temporal workers of this
 * machine (test server on loopback, worker JVMs started beforehand, as on a cluster): wall time of
 * each, and whether the fronts agree. Then the overhead per evaluation: fresh candidates sent one at
 * a time through each backend, the driver's wall time minus the worker's own time for the unit.
 * Prints figures; asserts nothing. Usage: ClusterBench [POPULATION] [GENERATIONS] [STEPS] [SEQUENTIAL]
 */
public final class ClusterBench {
  private ClusterBench() {}

  public static void main(String[] args) throws Exception {
    int population = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int generations = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    int sequential = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    Path root = Path.of("target/bench/cluster").toAbsolutePath();
    deleteTree(root);
    System.out.printf(Locale.ROOT, "search: population %d, generations %d, %d training steps; %d cores; load %.2f%n", population,
        generations, steps, Runtime.getRuntime().availableProcessors(), load());
    double inProcess = search(root, "inprocess", population, generations, steps, null, (r, dir) -> RecipeEvaluators.forRecipe(r, dir, h -> ProgressListener.NONE));
    double local;
    local = search(root, "local2", population, generations, steps, null,
        (r, dir) -> DelegatedEvaluators.withBackend(r, dir, h -> ProgressListener.NONE, () -> new LocalWorkers(dir, 2), s -> {}));
    double cluster;
    List<double[]> localOverhead;
    List<double[]> clusterOverhead;
    try (ClusterFixture.Server server = new ClusterFixture.Server();
        ClusterFixture.WorkerJvm a = ClusterFixture.worker(server.target(), "bench", 1, root.resolve("wa"));
        ClusterFixture.WorkerJvm b = ClusterFixture.worker(server.target(), "bench", 1, root.resolve("wb"))) {
      String section = ClusterFixture.recipeSection(server.target(), "bench", root.resolve("artifacts"), 30);
      cluster = search(root, "temporal2", population, generations, steps, section,
          (r, dir) -> DelegatedEvaluators.forRecipe(r, dir, h -> ProgressListener.NONE, s -> {}));
      Path profile = WorkerFixture.profile(root.resolve("seq"));
      Files.writeString(profile, WorkerFixture.PROFILE.replace("steps: 6,", "steps: " + steps + ","));
      var template = WorkerFixture.template(profile);
      try (LocalWorkers pool = new LocalWorkers(root.resolve("seq-local"), 1)) {
        localOverhead = oneAtATime(pool, template, 100, sequential);
      }
      try (TemporalBackend backend = new TemporalBackend(new Cluster(server.target(), "bench", root.resolve("seq-artifacts"), 30, 10),
          "bench-seq", s -> {})) {
        clusterOverhead = oneAtATime(backend, template, 100, sequential);
      }
    }
    System.out.printf(Locale.ROOT, "%-36s %8s%n", "proxy training", "wall s");
    System.out.printf(Locale.ROOT, "%-36s %8.1f%n", "1 in the search's process", inProcess);
    System.out.printf(Locale.ROOT, "%-36s %8.1f%n", "2 local worker processes", local);
    System.out.printf(Locale.ROOT, "%-36s %8.1f%n", "2 Temporal workers (loopback)", cluster);
    List<String> front = SearchFixture.front(root.resolve("results/inprocess"));
    System.out.println("fronts equal to the in-process one: local " + front.equals(SearchFixture.front(root.resolve("results/local2")))
        + ", Temporal " + front.equals(SearchFixture.front(root.resolve("results/temporal2"))));
    report("local worker process", localOverhead);
    report("Temporal worker", clusterOverhead);
    System.out.printf(Locale.ROOT, "load after: %.2f%n", load());
  }

  private static double search(Path root, String name, int population, int generations, int steps, String cluster,
      BiFunction<Recipe, Path, List<Evaluator>> plugins) throws Exception {
    Path recipe = SearchFixture.project(root.resolve("p-" + name), 5);
    Path profile = root.resolve("p-" + name).resolve("evaluators/tiny-proxy.yaml");
    Files.writeString(profile, Files.readString(profile).replace("steps: 6,", "steps: " + steps + ","));
    String text = Files.readString(recipe).replace("population: 4", "population: " + population)
        .replace("generations: 1", "generations: " + generations);
    Files.writeString(recipe, cluster == null ? text : text + cluster);
    long t0 = System.nanoTime();
    Search.start(recipe, root.resolve("results").resolve(name), new Search.Options("bench", List.of(), 2, null).withPlugins(plugins),
        SearchListener.SILENT);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %.1f s%n", name, s);
    return s;
  }

  /** Per fresh candidate sent alone: {driver wall s, the unit's own s}. */
  private static List<double[]> oneAtATime(EvaluationBackend backend, org.edgenas.worker.DelegatedProxyEvaluator.Template template,
      long firstSeed, int n) throws Exception {
    List<double[]> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (long seed = firstSeed; out.size() < n; seed++) {
      EvaluationRequest request = WorkerFixture.request(template, seed);
      if (!seen.add(request.hash())) continue;
      long t0 = System.nanoTime();
      CompletableFuture<EvaluationResult> f = backend.submit(request);
      EvaluationResult r = f.get();
      out.add(new double[] {(System.nanoTime() - t0) / 1e9, r.result().wallSeconds()});
    }
    return out;
  }

  private static void report(String what, List<double[]> runs) {
    List<Double> overhead = new ArrayList<>();
    for (double[] r : runs) overhead.add(r[0] - r[1]);
    List<Double> warm = overhead.subList(1, overhead.size());
    System.out.printf(Locale.ROOT, "%s, one at a time: driver wall - unit time per evaluation, first %.2f s, then median %.2f s"
        + " (min %.2f, max %.2f) over %d; unit time median %.2f s%n", what, overhead.getFirst(), median(warm),
        warm.stream().mapToDouble(d -> d).min().orElse(0), warm.stream().mapToDouble(d -> d).max().orElse(0), warm.size(),
        median(runs.stream().map(r -> r[1]).toList()));
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) return;
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
