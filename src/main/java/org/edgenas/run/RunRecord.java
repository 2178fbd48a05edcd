package org.edgenas.run;

import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Recipe;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.Json;
import org.edgenas.latency.MachineFingerprint;
import org.edgenas.latency.OrtRuntime;

/** Writes {@code run.json}: the recipe as resolved, its hash, the evaluators and the provenance. */
public final class RunRecord {
  private RunRecord() {}

  public static void write(RunFolder folder, Recipe recipe, String recipeHash, List<Evaluator> evaluators, String toolVersion) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("format", "edgenas-run");
    run.put("version", 1);
    run.put("recipe_hash", recipeHash);
    run.put("recipe_file", RunFolder.relativeName(recipe.root(), recipe.inputs().getFirst()));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("space", RunFolder.relativeName(recipe.root(), recipe.spaceFile()));
    r.put("dataset", recipe.dataset().equals(Recipe.SYNTHETIC) ? Recipe.SYNTHETIC : RunFolder.relativeName(recipe.root(), Path.of(recipe.dataset())));
    r.put("imgsz", recipe.imgsz());
    r.put("nc", recipe.nc());
    r.put("objectives", recipe.objectives());
    Map<String, Object> devices = new LinkedHashMap<>();
    for (DeviceBudget d : recipe.devices().values()) {
      Map<String, Object> dev = new LinkedHashMap<>();
      dev.put("budget_ms", d.hasBudget() ? d.budgetMs() : null);
      dev.put("file", d.file() == null ? null : RunFolder.relativeName(recipe.root(), d.file()));
      devices.put(d.name(), dev);
    }
    r.put("devices", devices);
    r.put("profile", recipe.profile().file() == null ? null : RunFolder.relativeName(recipe.root(), recipe.profile().file()));
    r.put("population", recipe.population());
    r.put("generations", recipe.generations());
    r.put("max_minutes", recipe.maxMinutes());
    r.put("seed", recipe.seed());
    r.put("train_per_generation", recipe.trainPerGeneration());
    run.put("recipe", r);
    run.put("inputs", recipe.inputs().stream().map(p -> "inputs/" + RunFolder.relativeName(recipe.root(), p)).toList());
    run.put("evaluators", evaluators.stream().map(e -> Map.of("name", e.name(), "metrics", e.metrics().stream().sorted().toList(),
        "profile_hash", e.profileHash(), "device_fingerprint", e.deviceFingerprint(), "queue", e.queue())).toList());
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("edgenas", toolVersion);
    provenance.put("java", Runtime.version().toString());
    provenance.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    provenance.put("seed", recipe.seed());
    provenance.put("created", Instant.now().toString());
    Map<String, Object> fingerprints = new LinkedHashMap<>();
    for (DeviceBudget d : recipe.devices().values()) {
      fingerprints.put(d.name(), d.file() == null ? localFingerprint() : Map.of("device_file_sha", fileSha(d.file())));
    }
    provenance.put("device_fingerprints", fingerprints);
    run.put("provenance", provenance);
    AtomicFiles.writeString(folder.runJson(), Json.pretty(run));
  }

  private static Object localFingerprint() {
    String ort;
    try {
      ort = OrtRuntime.version();
    } catch (RuntimeException | LinkageError e) {
      ort = MachineFingerprint.UNKNOWN;
    }
    return MachineFingerprint.local(ort, 1);
  }

  private static String fileSha(Path file) {
    try {
      var sha = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of().formatHex(sha.digest(java.nio.file.Files.readAllBytes(file)));
    } catch (Exception e) {
      return MachineFingerprint.UNKNOWN;
    }
  }
}
