package org.edgenas.search.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.search.BudgetScreen;
import org.edgenas.evaluation.Candidate;
import org.edgenas.run.Checkpoint;
import org.edgenas.evaluation.EvaluationLog;
import org.edgenas.evaluation.EvaluationPipeline;
import org.edgenas.evaluation.Evaluators;
import org.edgenas.search.GenerationEngine;
import org.edgenas.search.GenomeCodec;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.edgenas.space.SpaceLoader;

/**
 * Search quality on spaces/tiny.yaml with cost-model objectives that conflict: params maximised (a
 * capacity proxy for accuracy), GFLOPs and peak activation memory minimised (minimising all three
 * is degenerate: one architecture is cheapest in all of them): the true front by enumerating the space, then the fraction of its
 * hypervolume that NSGA-II and random search reach with 5% of the space's evaluations, over 5
 * seeds; and the GA bookkeeping time per generation at population 64 with every evaluation cached.
 * Objectives are normalised by the space's min and max; the reference point is 1.1 in each.
 * Run: {@code ./mvn25 -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/cp.txt}, then {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * org.edgenas.search.bench.SearchQualityBench [population]} (default population 12).
 */
public final class SearchQualityBench {
  private static final List<String> METRICS = List.of("params", "gflops", "peak_memory_bytes");

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("edgenas-bench");
    Files.createDirectories(dir.resolve("search"));
    Files.createDirectories(dir.resolve("spaces"));
    Files.copy(Path.of("spaces/tiny.yaml"), dir.resolve("spaces/tiny.yaml"));
    int population = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    Recipe recipe = recipe(dir, "quality", population, 1);
    GenomeCodec codec = new GenomeCodec(recipe.space(), recipe.nc(), recipe.imgsz());

    Map<String, double[]> all = enumerate(recipe, codec, dir.resolve("all.jsonl"));
    double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] v : all.values()) for (int k = 0; k < 3; k++) { lo[k] = Math.min(lo[k], v[k]); hi[k] = Math.max(hi[k], v[k]); }
    double[] ref = {1.1, 1.1, 1.1};
    double trueHv = Hypervolume3.of(normalise(all.values(), lo, hi), ref);
    int budget = (int) Math.round(0.05 * 1152);
    System.out.printf(Locale.ROOT, "tiny: 1152 genotypes, %d distinct architectures; true front hypervolume %.5f; budget %d evaluations%n",
        all.size(), trueHv, budget);
    double gaSum = 0;
    double rsSum = 0;
    for (int seed = 1; seed <= 5; seed++) {
      double ga = Hypervolume3.of(normalise(gaFirst(dir, population, seed, budget, all), lo, hi), ref) / trueHv;
      double rs = Hypervolume3.of(normalise(randomFirst(codec, seed, budget, all), lo, hi), ref) / trueHv;
      gaSum += ga;
      rsSum += rs;
      System.out.printf(Locale.ROOT, "seed %d: NSGA-II %.3f, random %.3f of the true hypervolume%n", seed, ga, rs);
    }
    System.out.printf(Locale.ROOT, "mean over 5 seeds: NSGA-II %.3f, random search %.3f (population %d)%n", gaSum / 5, rsSum / 5, population);
    bookkeeping(dir, codec, dir.resolve("all.jsonl"));
  }

  private static Recipe recipe(Path dir, String name, int population, long seed) throws Exception {
    Path p = dir.resolve("search/" + name + ".yaml");
    Files.writeString(p, """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: params, goal: max}
          - {metric: gflops, goal: min}
          - {metric: peak_memory_bytes, goal: min}
        population: %d
        generations: 1000
        seed: %d
        """.formatted(population, seed));
    return RecipeLoader.load(p);
  }

  /** Every genotype of the space through the pipeline; returns hash → objective values. */
  private static Map<String, double[]> enumerate(Recipe recipe, GenomeCodec codec, Path logFile) {
    int[] sizes = codec.space().choices().stream().mapToInt(c -> c.size()).toArray();
    List<Candidate> candidates = new ArrayList<>();
    int[] picks = new int[sizes.length];
    do {
      var d = codec.decode(picks);
      candidates.add(new Candidate(d.picks(), d.architecture(), codec.imgsz(), 0));
    } while (next(picks, sizes));
    Map<String, double[]> out = new LinkedHashMap<>();
    try (EvaluationLog log = EvaluationLog.open(logFile);
        EvaluationPipeline p = new EvaluationPipeline(Evaluators.forRecipe(recipe), recipe, log, 2)) {
      for (var e : p.evaluate(candidates, 0)) out.put(e.hash(), values(e.values()));
    }
    return out;
  }

  private static List<double[]> gaFirst(Path dir, int population, int seed, int budget, Map<String, double[]> all) throws Exception {
    Recipe recipe = recipe(dir, "ga" + seed, population, seed);
    GenomeCodec codec = new GenomeCodec(recipe.space(), recipe.nc(), recipe.imgsz());
    Path logFile = dir.resolve("ga" + seed + ".jsonl");
    try (EvaluationLog log = EvaluationLog.open(logFile);
        EvaluationPipeline p = new EvaluationPipeline(Evaluators.forRecipe(recipe), recipe, log, 2)) {
      var evaluators = Evaluators.forRecipe(recipe);
      BudgetScreen screen = new BudgetScreen(codec, recipe, evaluators);
      GenerationEngine engine = new GenerationEngine(codec, p, screen, recipe);
      var pop = engine.evaluatePopulation(engine.initialPopulation(screen, population), 0);
      for (long g = 1; log.evaluations().size() < budget; g++) pop = engine.evolve(pop, g).population();
      return log.evaluations().stream().limit(budget).map(e -> all.get(e.hash())).toList();
    }
  }

  private static List<double[]> randomFirst(GenomeCodec codec, int seed, int budget, Map<String, double[]> all) {
    SplittableRandom random = new SplittableRandom(seed);
    Set<String> seen = new HashSet<>();
    List<double[]> out = new ArrayList<>();
    while (out.size() < budget) {
      String h = codec.decode(codec.space().samplePicks(random)).architecture().hash();
      if (seen.add(h)) out.add(all.get(h));
    }
    return out;
  }

  /** Generations at population 64 with every evaluation already cached: the GA's own time. */
  private static void bookkeeping(Path dir, GenomeCodec codec, Path cachedLog) throws Exception {
    Recipe recipe = recipe(dir, "book", 64, 3);
    try (EvaluationLog log = EvaluationLog.open(cachedLog);
        EvaluationPipeline p = new EvaluationPipeline(Evaluators.forRecipe(recipe), recipe, log, 2)) {
      var evaluators = Evaluators.forRecipe(recipe);
      BudgetScreen screen = new BudgetScreen(codec, recipe, evaluators);
      GenerationEngine engine = new GenerationEngine(codec, p, screen, recipe);
      List<Checkpoint.Member> init = engine.initialPopulation(screen, 64);
      var pop = engine.evaluatePopulation(init, 0);
      for (long g = 1; g <= 20; g++) pop = engine.evolve(pop, g).population();
      int gens = 100;
      long t0 = System.nanoTime();
      for (long g = 21; g < 21 + gens; g++) pop = engine.evolve(pop, g).population();
      double ms = (System.nanoTime() - t0) / 1e6 / gens;
      System.out.printf(Locale.ROOT, "GA bookkeeping at population 64 (all evaluations cached): %.2f ms per generation (mean of %d)%n", ms, gens);
    }
  }

  private static double[] values(Map<String, org.edgenas.evaluation.Measure> v) {
    return METRICS.stream().mapToDouble(m -> v.get(m).value()).toArray();
  }

  private static List<double[]> normalise(java.util.Collection<double[]> points, double[] lo, double[] hi) {
    List<double[]> out = new ArrayList<>();
    for (double[] p : points) {
      double[] q = new double[3];
      for (int k = 0; k < 3; k++) q[k] = hi[k] == lo[k] ? 0 : (p[k] - lo[k]) / (hi[k] - lo[k]);
      q[0] = 1 - q[0]; // params is maximised: turned into a minimised coordinate
      out.add(q);
    }
    return out;
  }

  private static boolean next(int[] picks, int[] sizes) {
    for (int i = 0; i < picks.length; i++) {
      if (++picks[i] < sizes[i]) return true;
      picks[i] = 0;
    }
    return false;
  }
}
