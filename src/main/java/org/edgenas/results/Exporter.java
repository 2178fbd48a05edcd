package org.edgenas.results;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Run;
import org.edgenas.space.SearchSpace;

/**
 * Exports models of a run's front into a folder: per model ({@code <hash>/}) its architecture as a
 * space file, an Ultralytics model YAML where possible (else a note naming the blocks that prevent
 * it), {@code metrics.json} (each objective's value with its kind and method, the whole evaluation,
 * the run's provenance; with a {@code final:} training, {@code final_accuracy} beside {@code search_accuracy}), and the ONNX file when a
 * {@link ModelMaterializer} is given; {@code manifest.json} lists them all. Only models whose every
 * objective is real (measured or exact) and feasible are exported; the others are listed as skipped.
 */
public final class Exporter {
  /** How the models are chosen: {@code all}, {@code knee}, or {@code pick} with its expression. */
  public record Selection(String mode, String expression) {
    public static final Selection ALL = new Selection("all", null);
    public static final Selection KNEE = new Selection("knee", null);

    public static Selection pick(String expression) {
      return new Selection("pick", expression);
    }

    @Override
    public String toString() {
      return expression == null ? "--" + mode : "--pick '" + expression + "'";
    }
  }

  static final String NO_ONNX = "no trained model file for it in the run's models/ folder (only proxy-trained candidates have one)";
  private final ModelMaterializer materializer;

  /** @param materializer writes the ONNX files, or null to export without them (the manifest says so) */
  public Exporter(ModelMaterializer materializer) {
    this.materializer = materializer;
  }

  /** Exports and returns the written manifest's path. */
  public Path export(Run run, Selection selection, Path to) {
    List<Evaluation> exportable = new ArrayList<>();
    List<Map<String, Object>> skipped = new ArrayList<>();
    for (Evaluation r : run.front()) {
      if (!r.feasible()) skipped.add(Map.of("hash", r.hash(), "reason", "infeasible (violation " + r.violation() + ")"));
      else if (!run.allReal(r)) skipped.add(Map.of("hash", r.hash(), "reason", "carries an estimate, not a measurement: " + estimates(run, r)));
      else exportable.add(r);
    }
    if (exportable.isEmpty()) throw new BadInputException(run.dir() + ": no model on the front has real measurements of every objective; nothing to export");
    List<Evaluation> chosen = switch (selection.mode()) {
      case "all" -> exportable;
      case "knee" -> List.of(ModelSelection.knee(run, exportable));
      case "pick" -> ModelSelection.pick(run, exportable, selection.expression());
      default -> throw new IllegalArgumentException("unknown selection " + selection.mode());
    };
    SearchSpace space = run.space();
    List<Map<String, Object>> models = new ArrayList<>();
    for (Evaluation r : chosen) models.add(exportOne(run, space, r, to));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", "edgenas-export");
    manifest.put("version", 1);
    manifest.put("run", run.dir().toString());
    manifest.put("selection", selection.toString());
    manifest.put("objectives", run.objectives().stream().map(o -> o.key() + " (" + o.goal().name().toLowerCase(java.util.Locale.ROOT) + ")").toList());
    manifest.put("front_size", exportable.size() + skipped.size());
    manifest.put("models", models);
    manifest.put("skipped", skipped);
    Path path = to.resolve("manifest.json");
    AtomicFiles.writeString(path, Json.pretty(manifest));
    return path;
  }

  private Map<String, Object> exportOne(Run run, SearchSpace space, Evaluation r, Path to) {
    Architecture arch = run.architecture(space, r);
    Path dir = to.resolve(r.hash());
    AtomicFiles.writeString(dir.resolve("architecture.yaml"), SpaceWriter.toYaml(arch));
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("hash", r.hash());
    entry.put("dir", r.hash());
    entry.put("architecture", r.hash() + "/architecture.yaml");
    UltralyticsYaml.Result ultra = UltralyticsYaml.of(arch);
    if (ultra.written()) {
      AtomicFiles.writeString(dir.resolve("ultralytics.yaml"), ultra.yaml());
      entry.put("ultralytics", r.hash() + "/ultralytics.yaml");
      entry.put("ultralytics_note", null);
    } else {
      String note = "No Ultralytics model YAML: these layers have no Ultralytics equivalent:\n- "
          + String.join("\n- ", ultra.blockers()) + "\n";
      AtomicFiles.writeString(dir.resolve("ultralytics-note.txt"), note);
      entry.put("ultralytics", null);
      entry.put("ultralytics_note", String.join("; ", ultra.blockers()));
    }
    AtomicFiles.writeString(dir.resolve("metrics.json"), Json.pretty(metrics(run, arch, r)));
    entry.put("metrics", r.hash() + "/metrics.json");
    Path onnx = materializer == null ? null : materializer.writeOnnx(r, dir);
    if (onnx != null) {
      entry.put("onnx", to.toAbsolutePath().relativize(onnx.toAbsolutePath()).toString());
      entry.put("onnx_note", null);
    } else {
      entry.put("onnx", null);
      entry.put("onnx_note", NO_ONNX);
    }
    return entry;
  }

  /** {@code metrics.json}: {@code objectives} maps each objective's key to its value, kind and method. */
  private static Map<String, Object> metrics(Run run, Architecture arch, Evaluation r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "edgenas-metrics");
    m.put("version", 1);
    m.put("hash", r.hash());
    m.put("parent", arch.parentHash());
    m.put("space", run.record().recipe().space());
    m.put("choices", new java.util.TreeMap<>(arch.provenance()));
    Map<String, Measure> objectives = new LinkedHashMap<>();
    for (Objective o : run.objectives()) objectives.put(o.key(), r.values().get(o.key()));
    m.put("objectives", objectives);
    Measure standalone = run.finalAccuracy(r.hash());
    if (standalone != null) {
      // the standalone training of the recipe's final: profile, beside the search's figure
      m.put("final_accuracy", Map.of(Run.ACCURACY, standalone));
      Measure search = r.values().get(run.searchAccuracyKey());
      if (search != null) m.put("search_accuracy", Map.of(run.searchAccuracyKey(), search));
    }
    m.put("feasible", r.feasible());
    m.put("budgets_ms", run.budgets());
    m.put("evaluation", r);
    m.put("run", Map.of("dir", run.dir().toString(), "provenance", run.record().provenance()));
    return m;
  }

  private static String estimates(Run run, Evaluation r) {
    return String.join(", ", run.objectives().stream().map(Objective::key)
        .filter(k -> !r.values().containsKey(k) || r.values().get(k).kind() == Kind.ESTIMATE).toList());
  }
}
