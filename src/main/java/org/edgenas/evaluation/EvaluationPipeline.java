package org.edgenas.evaluation;

import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.surrogate.Prediction;

/**
 * Runs the evaluators on candidates: the {@link Evaluator#CPU} queue on a pool bounded by the
 * cores, each {@code device:<name>} queue on its own single thread (one measurement at a time per
 * device, devices in parallel). Answers come from the cache in the {@link EvaluationLog} when their
 * key is there; new answers are appended as soon as they arrive, so a kill loses only the work in
 * flight. A failing evaluator fails its candidate with the reason; the batch always completes.
 */
public final class EvaluationPipeline implements AutoCloseable {
  /** Running totals for the status line. */
  public record Counts(int evaluated, int cached, int trainings, int measurements, int failed) {}

  private final List<Evaluator> evaluators;
  private final List<Objective> objectives;
  private final Map<String, DeviceBudget> devices;
  private final List<String> needed;
  private final EvaluationLog log;
  private final ExecutorService cpu;
  private final Map<String, ExecutorService> deviceQueues = new ConcurrentHashMap<>();
  private final AtomicInteger evaluated = new AtomicInteger();
  private final AtomicInteger cached = new AtomicInteger();
  private final AtomicInteger trainings = new AtomicInteger();
  private final AtomicInteger measurements = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  public EvaluationPipeline(List<Evaluator> evaluators, Recipe recipe, EvaluationLog log, int cpuThreads) {
    this.evaluators = List.copyOf(evaluators);
    this.objectives = recipe.objectives();
    this.devices = recipe.devices();
    this.needed = recipe.neededMetrics();
    this.log = log;
    this.cpu = Executors.newFixedThreadPool(Math.max(1, cpuThreads), daemon("edgenas-eval-cpu"));
  }

  private volatile EvaluationListener listener = EvaluationListener.NONE;
  private AccuracySurrogate surrogate;
  private int trainBudget;
  private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * Turns on surrogate-guided training: from now on each generation proxy-trains at most {@code
   * budget} new candidates (all of them while there are too few trained ones to fit a surrogate).
   */
  public void useSurrogate(org.edgenas.space.SearchSpace space, int imgsz, int budget) {
    boolean trains = evaluators.stream().anyMatch(Evaluator::trains);
    boolean onlyMap = needed.contains(AccuracySurrogate.METRIC)
        && needed.stream().filter(k -> k.startsWith("map")).allMatch(AccuracySurrogate.METRIC::equals);
    if (trains && onlyMap && budget > 0) {
      this.surrogate = new AccuracySurrogate(space, imgsz);
      this.trainBudget = budget;
    }
  }

  /** From now on, tells {@code listener} of every candidate this pipeline starts and finishes. */
  public void listen(EvaluationListener listener) {
    this.listener = listener == null ? EvaluationListener.NONE : listener;
  }

  /** Lines for the log since the last call (surrogate fidelity per generation). */
  public List<String> drainNotes() {
    List<String> out = List.copyOf(notes);
    notes.clear();
    return out;
  }

  public Counts counts() {
    return new Counts(evaluated.get(), cached.get(), trainings.get(), measurements.get(), failed.get());
  }

  /** Evaluates every candidate (in parallel where the queues allow); the answers are in the same order. */
  public List<Evaluation> evaluate(List<Candidate> candidates, long generation) {
    Map<String, Prediction> predictions = Map.of();
    Set<String> train = null;
    int points = 0;
    if (surrogate != null) {
      Map<String, Candidate> needing = new LinkedHashMap<>();
      for (Candidate c : candidates) if (log.evaluation(c.hash()).isEmpty() && !trainingCached(c)) needing.putIfAbsent(c.hash(), c);
      AccuracySurrogate.Plan plan = surrogate.plan(List.copyOf(needing.values()), log.evaluations(), generation, trainBudget);
      predictions = plan.predictions();
      train = plan.train();
      points = plan.points();
    }
    Map<String, CompletableFuture<Evaluation>> byHash = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      Prediction p = predictions.get(c.hash());
      boolean estimateOnly = train != null && p != null && !train.contains(c.hash());
      int n = points;
      int index = i;
      byHash.computeIfAbsent(c.hash(), h -> start(c, generation, p, estimateOnly, n, false, index, candidates.size()));
    }
    CompletableFuture.allOf(byHash.values().toArray(CompletableFuture[]::new)).join();
    List<Evaluation> out = candidates.stream().map(c -> byHash.get(c.hash()).join()).toList();
    if (!predictions.isEmpty()) {
      var tau = AccuracySurrogate.fidelity(out.stream().distinct().toList());
      notes.add(String.format(java.util.Locale.ROOT, "generation %d: surrogate (GP on %d trained) chose %d of %d new candidates to train; "
          + "Kendall tau against proxy training on the trained ones: %s", generation, points, train.size(), predictions.size(),
          tau.isPresent() ? String.format(java.util.Locale.ROOT, "%.3f", tau.getAsDouble()) : "n/a (fewer than 3)"));
    }
    return out;
  }

  /**
   * Proxy-trains the given evaluated candidates that carry only a surrogate estimate (the final
   * front must hold real proxy-trained accuracies) and returns their new evaluations.
   */
  public List<Evaluation> train(List<Candidate> candidates, long generation) {
    List<CompletableFuture<Evaluation>> futures = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) futures.add(start(candidates.get(i), generation, null, false, 0, true, i, candidates.size()));
    return futures.stream().map(CompletableFuture::join).toList();
  }

  private boolean trainingCached(Candidate c) {
    return evaluators.stream().filter(Evaluator::trains).allMatch(e -> log.result(EvaluatorResult.keyOf(e, c.hash())).isPresent());
  }

  private CompletableFuture<Evaluation> start(Candidate candidate, long generation, Prediction prediction,
      boolean estimateOnly, int points, boolean force, int index, int count) {
    var known = force ? java.util.Optional.<Evaluation>empty() : log.evaluation(candidate.hash());
    if (known.isPresent()) {
      cached.incrementAndGet();
      return CompletableFuture.completedFuture(known.get());
    }
    EvaluationListener told = listener;
    told.started(candidate, generation, index, count);
    List<CompletableFuture<EvaluatorResult>> parts = new ArrayList<>();
    for (Evaluator e : evaluators) {
      String key = EvaluatorResult.keyOf(e, candidate.hash());
      var hit = log.result(key);
      if (hit.isEmpty() && e.trains() && estimateOnly) {
        parts.add(CompletableFuture.completedFuture(new EvaluatorResult(key, "surrogate", candidate.hash(), EvaluatorResult.OK, null,
            Map.of(AccuracySurrogate.METRIC, AccuracySurrogate.estimate(prediction, points)), 0)));
        continue;
      }
      parts.add(hit.isPresent() ? CompletableFuture.completedFuture(hit.get())
          : CompletableFuture.supplyAsync(() -> run(e, key, candidate), executorFor(e.queue())));
    }
    if (prediction != null && !estimateOnly) {
      parts.add(CompletableFuture.completedFuture(new EvaluatorResult("surrogate|" + candidate.hash(), "surrogate", candidate.hash(),
          EvaluatorResult.OK, null, Map.of(AccuracySurrogate.PREDICTION, AccuracySurrogate.prediction(prediction, points)), 0)));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Evaluation ev = merge(candidate, generation, parts.stream().map(CompletableFuture::join).toList());
      log.append(ev);
      evaluated.incrementAndGet();
      if (!ev.ok()) failed.incrementAndGet();
      told.finished(candidate, ev, index, count);
      return ev;
    });
  }

  private EvaluatorResult run(Evaluator e, String key, Candidate candidate) {
    long t0 = System.nanoTime();
    EvaluatorResult result;
    try {
      Map<String, Measure> values = e.evaluate(candidate);
      result = new EvaluatorResult(key, e.name(), candidate.hash(), EvaluatorResult.OK, null, values, seconds(t0));
      if (e.trains()) trainings.incrementAndGet();
      if (values.values().stream().anyMatch(m -> m.kind() == Kind.MEASURED) && !e.trains()) measurements.incrementAndGet();
    } catch (Exception | LinkageError | StackOverflowError ex) {
      String reason = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
      result = new EvaluatorResult(key, e.name(), candidate.hash(), EvaluatorResult.FAILED, reason, Map.of(), seconds(t0));
    }
    log.append(result);
    return result;
  }

  private Evaluation merge(Candidate c, long generation, List<EvaluatorResult> parts) {
    Map<String, Measure> values = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    double wall = 0;
    for (EvaluatorResult r : parts) {
      wall += r.wallSeconds();
      if (!r.ok()) reasons.add(r.evaluator() + ": " + r.reason());
      for (var m : r.values().entrySet()) values.merge(m.getKey(), m.getValue(), (a, b) -> b.rank() > a.rank() ? b : a);
    }
    for (String key : needed) if (!values.containsKey(key) && reasons.isEmpty()) reasons.add("no evaluator gave " + key);
    List<String> keys = parts.stream().map(EvaluatorResult::key).toList();
    if (!reasons.isEmpty()) {
      return new Evaluation(c.hash(), c.picks(), generation, EvaluatorResult.FAILED, String.join("; ", reasons),
          values, false, "none", Double.POSITIVE_INFINITY, wall, keys);
    }
    double violation = 0;
    boolean allMeasured = true;
    boolean anyBudget = false;
    for (DeviceBudget d : devices.values()) {
      if (!d.hasBudget()) continue;
      anyBudget = true;
      Measure latency = values.get(Objective.key("latency_ms", d.name()));
      violation += d.violation(latency.value());
      allMeasured &= latency.kind() == Kind.MEASURED;
    }
    String basis = !anyBudget ? "none" : allMeasured ? "measured" : "estimated";
    return new Evaluation(c.hash(), c.picks(), generation, EvaluatorResult.OK, null, values, violation == 0, basis, violation, wall, keys);
  }

  private ExecutorService executorFor(String queue) {
    if (queue.equals(Evaluator.CPU)) return cpu;
    if (queue.equals(Evaluator.REMOTE)) return deviceQueues.computeIfAbsent(queue, q -> Executors.newCachedThreadPool(daemon("edgenas-eval-remote")));
    return deviceQueues.computeIfAbsent(queue, q -> Executors.newSingleThreadExecutor(daemon("edgenas-eval-" + q)));
  }

  public List<Evaluator> evaluators() {
    return evaluators;
  }

  public List<Objective> objectives() {
    return objectives;
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return Thread.ofPlatform().name(name + "-", 0).daemon(true).factory();
  }

  @Override
  public void close() {
    cpu.shutdownNow();
    deviceQueues.values().forEach(ExecutorService::shutdownNow);
  }
}
