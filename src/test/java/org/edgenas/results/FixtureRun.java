package org.edgenas.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.Json;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * Writes the test run folder {@code src/test/resources/runs/finished-tiny/} in the run-folder
 * formats: real samples of {@code spaces/tiny.yaml} (picks decode to the recorded hashes) with
 * exact cost-model params/GFLOPs/bytes; mAP and latencies are a synthetic function of the cost
 * (the method fields say so), not trainings or timings. Regenerate with
 * {@code -Dfixture.regenerate=true} on {@link FixtureRunTest}.
 */
final class FixtureRun {
  static final Path DIR = Path.of("src/test/resources/runs/finished-tiny");
  static final String SYNTHETIC = "fixture: synthetic function of the cost model, not a real ";

  private FixtureRun() {}

  static void write(Path dir) {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    SplittableRandom random = new SplittableRandom(11);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("name", "finished-tiny");
    recipe.put("space", "spaces/tiny.yaml");
    recipe.put("dataset", "builtin:synthetic");
    recipe.put("imgsz", 64);
    recipe.put("nc", 4);
    recipe.put("objectives", List.of(
        Map.of("metric", "map50_95", "goal", "max"),
        Map.of("metric", "latency_ms", "device", "local", "goal", "min"),
        Map.of("metric", "latency_ms", "device", "rpi5", "goal", "min"),
        Map.of("metric", "params", "goal", "min")));
    recipe.put("devices", Map.of("local", Map.of("budget_ms", 50), "rpi5", Map.of("budget_ms", 12)));
    recipe.put("population", 8);
    recipe.put("generations", 3);
    recipe.put("seed", 11);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("format", "edgenas-run");
    run.put("version", 1);
    run.put("recipe", recipe);
    run.put("provenance", Map.of("edgenas", "0.1.0-SNAPSHOT", "seed", 11, "note", "hand-made test fixture"));
    AtomicFiles.writeString(dir.resolve("run.json"), Json.pretty(run));

    StringBuilder lines = new StringBuilder();
    List<Map<String, Object>> records = new ArrayList<>();
    for (String ref : List.of("yolo11n", "yolov8n")) {
      Architecture arch = SpaceLoader.load(Path.of("spaces/reference/" + ref + ".yaml"), 4).freeze(new int[0]);
      Map<String, Object> r = record(arch, new int[0], 0, random, false);
      r.put("baseline", ref);
      records.add(r);
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int gen = 0; gen < 3; gen++) {
      int made = 0;
      while (made < 8) {
        int[] picks = space.samplePicks(random);
        Architecture arch = space.freeze(picks);
        if (!seen.add(arch.hash())) continue;
        boolean estimate = gen == 2 && made >= 5;
        Map<String, Object> r = record(arch, picks, gen, random, estimate);
        if (gen == 1 && made == 3) {
          r.put("status", "failed");
          r.put("reason", "proxy training diverged (fixture)");
          r.put("objectives", Map.of());
          r.put("feasible", false);
        }
        records.add(r);
        made++;
      }
    }
    for (Map<String, Object> r : records) lines.append(Json.line(r)).append('\n');
    AtomicFiles.writeString(dir.resolve("evaluations.jsonl"), lines.toString());

    Run read = RunFolder.read(dir);
    List<EvaluationRecord> real = read.candidates().stream()
        .filter(r -> r.feasible() && r.allReal(read.objectives())).toList();
    List<Map<String, Object>> front = new ArrayList<>();
    for (EvaluationRecord r : read.paretoOf(real)) {
      front.add(Map.of("hash", r.hash(), "picks", r.picks(), "objectives", r.raw().get("objectives")));
    }
    AtomicFiles.writeString(dir.resolve("pareto/front.json"), Json.pretty(Map.of("generation", 2, "front", front)));
    AtomicFiles.writeString(dir.resolve("checkpoints/gen-0002.json"), Json.pretty(Map.of("format", "edgenas-checkpoint", "version", 1, "generation", 2)));
  }

  private static Map<String, Object> record(Architecture arch, int[] picks, int gen, SplittableRandom random, boolean estimate) {
    CostReport cost = CostModel.of(arch, 64);
    double noise = random.nextDouble(-0.01, 0.01);
    double map = Math.min(0.6, 0.08 + 0.05 * Math.log10(cost.params() / 1e4) + 0.3 * cost.gflops() + noise);
    double local = 0.4 + 30 * cost.gflops() + random.nextDouble(0, 0.05);
    double rpi5 = 2.0 + 250 * cost.gflops() + random.nextDouble(0, 0.3);
    Map<String, Object> objectives = new LinkedHashMap<>();
    objectives.put("map50_95", estimate
        ? value(map + random.nextDouble(-0.02, 0.02), "estimate", "surrogate GP (Matérn-5/2) prediction, stdev 0.021")
        : value(map, "measured", SYNTHETIC + "proxy training"));
    Map<String, Object> lat = value(local, "measured", SYNTHETIC + "timing (median of 50 after 10 warm-up)");
    lat.put("p90", local * 1.08);
    objectives.put("latency_ms@local", lat);
    Map<String, Object> pi = value(rpi5, "measured", SYNTHETIC + "timing on rpi5 (median of 50)");
    pi.put("p90", rpi5 * 1.1);
    objectives.put("latency_ms@rpi5", pi);
    objectives.put("params", value(cost.params(), "exact", "cost model"));
    objectives.put("gflops", value(cost.gflops(), "exact", "cost model"));
    objectives.put("model_bytes", value(cost.weightBytes(), "exact", "cost model"));
    double violation = Math.max(0, local - 50) + Math.max(0, rpi5 - 12);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("hash", arch.hash());
    r.put("parent", arch.parentHash());
    r.put("picks", java.util.Arrays.stream(picks).boxed().toList());
    r.put("generation", gen);
    r.put("status", "ok");
    r.put("reason", null);
    r.put("objectives", objectives);
    r.put("feasible", violation == 0);
    r.put("violation", violation);
    r.put("seconds", Math.round(random.nextDouble(5, 20) * 10) / 10.0);
    if (gen > 0) r.put("surrogate", Map.of("mean", map + random.nextDouble(-0.015, 0.015), "stdev", 0.02));
    return r;
  }

  private static Map<String, Object> value(double v, String kind, String method) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", v);
    m.put("kind", kind);
    m.put("method", method);
    return m;
  }
}
