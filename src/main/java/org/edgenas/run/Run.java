package org.edgenas.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.AccuracySurrogate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationLog;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * A run folder read back into the types the search wrote it with: {@code run.json}
 * ({@link RunRecord}), {@code evaluations.jsonl} ({@link Evaluation}s through
 * {@link EvaluationLog#read}), the baselines ({@link Baselines}), the front's standalone trainings ({@link Finals}) and {@code pareto/front.json}
 * ({@link FrontFile}, null until the search saved one). Export and report are both fed from it.
 *
 * @param evaluations the latest evaluation of each searched architecture, in first-seen order
 * @param finals the standalone trainings of front members after the search ({@link Finals}), by hash
 */
public record Run(Path dir, RunRecord record, List<Evaluation> evaluations, List<Baseline> baselines, FrontFile savedFront,
    Map<String, Evaluation> finals) {
  /** The measured accuracy metric: what a standalone ({@code final:}) training reports, and the search's unless it ranks by training speed. */
  public static final String ACCURACY = AccuracySurrogate.METRIC;

  public Run {
    evaluations = List.copyOf(evaluations);
    baselines = List.copyOf(baselines);
    finals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(finals));
  }

  /** Reads a run folder, finished or still running; anything missing or malformed is bad input naming the file. */
  public static Run read(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) throw new BadInputException(dir + ": not a run folder (no run.json)");
    RunRecord record = RunRecord.read(runJson);
    Path front = dir.resolve("pareto").resolve("front.json");
    return new Run(dir, record, EvaluationLog.read(dir.resolve("evaluations.jsonl")), Baselines.read(dir),
        Files.isRegularFile(front) ? FrontFile.read(front) : null, Finals.read(dir));
  }

  public List<Objective> objectives() {
    return record.recipe().objectives();
  }

  /** Latency budgets by device in ms (NaN where a device has none). */
  public Map<String, Double> budgets() {
    return record.budgets();
  }

  public List<String> devices() {
    return List.copyOf(record.recipe().devices().keySet());
  }

  /**
   * The accuracy objective the search ranked by, which the report plots against latency: {@value
   * #ACCURACY}, else {@code training_speed} (an estimate of accuracy, not an mAP); null when the recipe has neither.
   */
  public Objective accuracy() {
    return objectives().stream().filter(o -> o.metric().equals(ACCURACY)).findFirst()
        .or(() -> objectives().stream().filter(o -> o.metric().equals(Objective.TRAINING_SPEED)).findFirst()).orElse(null);
  }

  /** The key of the search's figure a standalone training is set beside: the accuracy objective's, else {@value #ACCURACY}. */
  public String searchAccuracyKey() {
    Objective a = accuracy();
    return a == null ? ACCURACY : a.key();
  }

  /** The successful evaluations of searched architectures. */
  public List<Evaluation> candidates() {
    return evaluations.stream().filter(Evaluation::ok).toList();
  }

  /**
   * The front: the models of the saved {@code pareto/front.json} with their latest evaluations, or,
   * before the search saved one, the front of the evaluations so far ({@link FrontFile#front}).
   */
  public List<Evaluation> front() {
    if (savedFront == null) return FrontFile.front(evaluations, objectives());
    Map<String, Evaluation> byHash = new LinkedHashMap<>();
    evaluations.forEach(e -> byHash.put(e.hash(), e));
    List<Evaluation> out = new ArrayList<>();
    for (FrontFile.Member m : savedFront.members()) {
      Evaluation e = byHash.get(m.hash());
      if (e == null) throw new BadInputException(dir.resolve("pareto/front.json") + ": model " + m.hash() + " has no evaluation in evaluations.jsonl");
      out.add(e);
    }
    return out;
  }

  /** The standalone accuracy ({@value #ACCURACY}) of the final training of {@code hash}; null when it has none. */
  public Measure finalAccuracy(String hash) {
    Evaluation e = finals.get(hash);
    return e == null || !e.ok() ? null : e.values().get(ACCURACY);
  }

  /** Whether every objective of the run has a value in {@code e} and none is an estimate. */
  public boolean allReal(Evaluation e) {
    return objectives().stream().allMatch(o -> {
      Measure m = e.values().get(o.key());
      return m != null && m.kind() != Kind.ESTIMATE;
    });
  }

  /** The objective values of {@code e} turned so that smaller is better (maximised ones negated). */
  public double[] minimised(Evaluation e) {
    List<Objective> objectives = objectives();
    double[] v = new double[objectives.size()];
    for (int j = 0; j < v.length; j++) v[j] = -objectives.get(j).goal().sign() * e.values().get(objectives.get(j).key()).value();
    return v;
  }

  public int nc() {
    return record.recipe().nc();
  }

  public int imgsz() {
    return record.recipe().imgsz();
  }

  /** The run's copy of its space file ({@code inputs/...}), else the file the recipe named, from the working directory. */
  public Path spaceFile() {
    String name = record.recipe().space();
    List<Path> tried = List.of(dir.resolve("inputs").resolve(name), Path.of(name));
    return tried.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new BadInputException(
        dir.resolve("run.json") + ": recipe.space " + name + " is not found (tried " + tried + ")"));
  }

  public SearchSpace space() {
    return SpaceLoader.load(spaceFile(), nc());
  }

  /** The architecture an evaluation's picks decode to, checked against its hash. */
  public Architecture architecture(SearchSpace space, Evaluation e) {
    Architecture arch;
    try {
      arch = space.freeze(e.picks(), nc() > 0 ? nc() : space.nc());
    } catch (IllegalArgumentException ex) {
      throw new BadInputException(dir.resolve("evaluations.jsonl") + ": model " + e.hash() + ": picks do not fit " + space.file() + ": " + ex.getMessage());
    }
    if (!arch.hash().equals(e.hash())) {
      throw new BadInputException(dir.resolve("evaluations.jsonl") + ": model " + e.hash() + ": its picks decode to "
          + arch.hash() + " in " + space.file() + " (the space file changed since the run?)");
    }
    return arch;
  }
}
