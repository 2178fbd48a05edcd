package org.edgenas.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.common.BadInputException;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * A run folder as read by {@link RunFolder}: the recipe, its objectives and device budgets, the
 * evaluations in file order and the hashes of the saved front (null when the run saved none).
 */
public record Run(
    Path dir, JsonNode recipe, JsonNode provenance, List<Objective> objectives, Map<String, Double> budgets,
    List<EvaluationRecord> evaluations, List<String> frontHashes) {
  public Run {
    objectives = List.copyOf(objectives);
    budgets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(budgets));
    evaluations = List.copyOf(evaluations);
    frontHashes = frontHashes == null ? null : List.copyOf(frontHashes);
  }

  public List<String> devices() {
    return List.copyOf(budgets.keySet());
  }

  public Direction[] directions() {
    return objectives.stream().map(Objective::direction).toArray(Direction[]::new);
  }

  /** The accuracy objective ({@code map50_95}), or null when the recipe has none. */
  public Objective accuracy() {
    return objectives.stream().filter(o -> o.metric().equals(Objective.ACCURACY)).findFirst().orElse(null);
  }

  /** The latest successful record of each searched (non-baseline) architecture, in first-seen order. */
  public List<EvaluationRecord> candidates() {
    Map<String, EvaluationRecord> latest = new LinkedHashMap<>();
    for (EvaluationRecord r : evaluations) if (r.ok() && !r.isBaseline()) latest.put(r.hash(), r);
    return List.copyOf(latest.values());
  }

  public List<EvaluationRecord> baselines() {
    return evaluations.stream().filter(r -> r.ok() && r.isBaseline()).toList();
  }

  /**
   * The front: the saved {@code pareto/front.json} models when present, else the feasible
   * candidates with every objective known that no other such candidate dominates.
   */
  public List<EvaluationRecord> front() {
    List<EvaluationRecord> candidates = candidates();
    if (frontHashes != null) {
      Map<String, EvaluationRecord> byHash = new LinkedHashMap<>();
      candidates.forEach(r -> byHash.put(r.hash(), r));
      List<EvaluationRecord> out = new ArrayList<>();
      for (String h : frontHashes) {
        EvaluationRecord r = byHash.get(h);
        if (r == null) throw new BadInputException(dir.resolve("pareto/front.json") + ": model " + h + " has no successful record in evaluations.jsonl");
        out.add(r);
      }
      return out;
    }
    return paretoOf(candidates.stream().filter(EvaluationRecord::feasible).toList());
  }

  /** The records no other record dominates on this run's objectives (records lacking a value are left out). */
  public List<EvaluationRecord> paretoOf(List<EvaluationRecord> records) {
    List<EvaluationRecord> known = records.stream().filter(r -> r.hasAll(objectives)).toList();
    List<double[]> points = known.stream().map(this::minimised).toList();
    List<EvaluationRecord> out = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      boolean dominated = false;
      for (int k = 0; k < known.size() && !dominated; k++) dominated = Hypervolume.dominates(points.get(k), points.get(i));
      if (!dominated) out.add(known.get(i));
    }
    return out;
  }

  /** A record's objective values in the minimisation convention. */
  public double[] minimised(EvaluationRecord r) {
    double[] v = r.values(objectives);
    for (int j = 0; j < v.length; j++) v[j] = objectives.get(j).direction().toMinimized(v[j]);
    return v;
  }

  public int nc() {
    return recipe.path("nc").asInt(0);
  }

  public int imgsz() {
    return recipe.path("imgsz").asInt(0);
  }

  /** The run's space file: as written in the recipe (from here), then beside run.json, then in its inputs/ folder. */
  public Path spaceFile() {
    String name = recipe.path("space").asText("");
    if (name.isEmpty()) throw new BadInputException(dir.resolve("run.json") + ": recipe.space is missing");
    Path given = Path.of(name);
    List<Path> tried = List.of(given, dir.resolve(name), dir.resolve("inputs").resolve(given.getFileName()), dir.resolve(given.getFileName()));
    return tried.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new BadInputException(
        dir.resolve("run.json") + ": recipe.space " + name + " is not found (tried " + tried + ")"));
  }

  public SearchSpace space() {
    return SpaceLoader.load(spaceFile(), nc());
  }

  /** The architecture a record's picks decode to, checked against the record's hash. */
  public Architecture architecture(SearchSpace space, EvaluationRecord r) {
    Architecture arch;
    try {
      arch = space.freeze(r.picksArray(), nc() > 0 ? nc() : space.nc());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(dir.resolve("evaluations.jsonl") + ": model " + r.hash() + ": picks do not fit " + space.file() + ": " + e.getMessage());
    }
    if (!arch.hash().equals(r.hash())) {
      throw new BadInputException(dir.resolve("evaluations.jsonl") + ": model " + r.hash() + ": its picks decode to "
          + arch.hash() + " in " + space.file() + " (the space file changed since the run?)");
    }
    return arch;
  }
}
