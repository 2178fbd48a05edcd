package org.edgenas.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.common.Sha256;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.latency.MachineFingerprint;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.ExternalFiles;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;

/**
 * {@code run.json}, format {@value #FORMAT} version {@value #VERSION}: the recipe as resolved, its
 * hash, the evaluators and the provenance. The search writes it and every reader reads it through
 * this record; a file of another format or version is refused.
 *
 * @param recipeHash the hash of the run's inputs ({@link RunFolder#recipeHash})
 * @param recipeFile the recipe's name inside {@code inputs/}
 * @param recipe the settings the run was made with
 * @param inputs the copied input files, relative to the run folder
 * @param evaluators the evaluators that gave the run's values
 * @param provenance edgenas and Java versions, OS, seed, creation time, device fingerprints
 */
public record RunRecord(String format, int version, @JsonProperty("recipe_hash") String recipeHash,
    @JsonProperty("recipe_file") String recipeFile, Settings recipe, List<String> inputs, List<EvaluatorInfo> evaluators,
    Map<String, Object> provenance) {
  public static final String FORMAT = "edgenas-run";
  public static final int VERSION = 1;

  /**
   * The recipe's settings with paths relative to the recipe root; a device's budget is null when it has none.
   *
   * @param finalProfile the {@code final:} profile (copied into {@code inputs/} like the other inputs); null for none
   * @param supernet the {@code supernet: PATH} file the run reuses; null for none. It is not copied into the
   *     run (it can be hundreds of MB): its path is absolute, and a resume reads it there and refuses it when
   *     its SHA-256 is no longer the one recorded
   * @param init the profile's {@code init:} checkpoint; null for none. Not copied either ({@link ExternalFiles}),
   *     recorded like {@code supernet}
   * @param finalInit the {@code final:} profile's {@code init:} checkpoint; null for none; recorded like {@code supernet}
   * @param initReferences the reference architectures the {@code init:} checkpoint is matched against; null
   *     without {@code init:} (or in a run.json older than them); recorded like {@code supernet}
   * @param finalInitReferences those of the {@code final:} profile's {@code init:} checkpoint; recorded alike
   * @param distillTeacher the architecture file of the profile's {@code compress.distill} teacher; null without
   *     one (or in a run.json older than it); recorded like {@code supernet}
   * @param finalDistillTeacher that of the {@code final:} profile's teacher; recorded alike
   */
  public record Settings(String space, String dataset, int imgsz, int nc, List<Objective> objectives, Map<String, Device> devices,
      String profile, int population, int generations, @JsonProperty("max_minutes") double maxMinutes, long seed,
      @JsonProperty("train_per_generation") int trainPerGeneration, @JsonProperty("final") InputFile finalProfile, InputFile supernet,
      InputFile init, @JsonProperty("final_init") InputFile finalInit, @JsonProperty("init_references") List<InputFile> initReferences,
      @JsonProperty("final_init_references") List<InputFile> finalInitReferences,
      @JsonProperty("distill_teacher") InputFile distillTeacher, @JsonProperty("final_distill_teacher") InputFile finalDistillTeacher) {
    public Settings {
      objectives = List.copyOf(objectives);
      devices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(devices));
      initReferences = initReferences == null ? null : List.copyOf(initReferences);
      finalInitReferences = finalInitReferences == null ? null : List.copyOf(finalInitReferences);
    }

    /** The recorded files the run reads where they are ({@link ExternalFiles}), by kind; a run.json older than a kind lacks it. */
    public Map<ExternalFiles.Kind, List<InputFile>> external() {
      Map<ExternalFiles.Kind, List<InputFile>> out = new java.util.EnumMap<>(ExternalFiles.Kind.class);
      if (supernet != null) out.put(ExternalFiles.Kind.SUPERNET, List.of(supernet));
      if (init != null) out.put(ExternalFiles.Kind.INIT, List.of(init));
      if (finalInit != null) out.put(ExternalFiles.Kind.FINAL_INIT, List.of(finalInit));
      if (initReferences != null) out.put(ExternalFiles.Kind.INIT_REFERENCES, initReferences);
      if (finalInitReferences != null) out.put(ExternalFiles.Kind.FINAL_INIT_REFERENCES, finalInitReferences);
      if (distillTeacher != null) out.put(ExternalFiles.Kind.DISTILL_TEACHER, List.of(distillTeacher));
      if (finalDistillTeacher != null) out.put(ExternalFiles.Kind.FINAL_DISTILL_TEACHER, List.of(finalDistillTeacher));
      return out;
    }
  }

  /** A file the run read: its path and the SHA-256 (64 hex digits) of its bytes when the run started. */
  public record InputFile(String file, String sha256) {
    /** A file the run reads where it is: its absolute path and SHA-256. */
    static InputFile external(Path file) {
      return new InputFile(file.toAbsolutePath().normalize().toString(), Sha256.hex(file));
    }

    /** The files of {@code kind} in {@code external}, each as {@link #external(Path)}; null when there are none of that kind. */
    static List<InputFile> external(Map<ExternalFiles.Kind, List<Path>> external, ExternalFiles.Kind kind) {
      List<Path> files = external.get(kind);
      return files == null ? null : files.stream().map(InputFile::external).toList();
    }

    /** The single file of {@code kind} in {@code external}; null when there is none. */
    static InputFile single(Map<ExternalFiles.Kind, List<Path>> external, ExternalFiles.Kind kind) {
      List<InputFile> files = external(external, kind);
      return files == null ? null : files.getFirst();
    }
  }

  /** A device of the run: its budget in ms (null: none) and its device file relative to the recipe root (null: local). */
  public record Device(@JsonProperty("budget_ms") Double budgetMs, String file) {}

  /** One evaluator as the run used it. */
  public record EvaluatorInfo(String name, List<String> metrics, @JsonProperty("profile_hash") String profileHash,
      @JsonProperty("device_fingerprint") String deviceFingerprint, String queue) {}

  public RunRecord {
    inputs = List.copyOf(inputs);
    evaluators = List.copyOf(evaluators);
    provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  /** The record of a new run of {@code recipe}. */
  public static RunRecord of(Recipe recipe, String recipeHash, List<Evaluator> evaluators, String toolVersion) {
    Path root = recipe.root();
    Map<String, Device> devices = new LinkedHashMap<>();
    for (DeviceBudget d : recipe.devices().values()) {
      devices.put(d.name(), new Device(d.hasBudget() ? d.budgetMs() : null, d.file() == null ? null : RunFolder.relativeName(root, d.file())));
    }
    Map<ExternalFiles.Kind, List<Path>> external = ExternalFiles.of(recipe);
    Settings settings = new Settings(RunFolder.relativeName(root, Path.of(recipe.space().file())),
        recipe.dataset().equals(Recipe.SYNTHETIC) ? Recipe.SYNTHETIC : RunFolder.relativeName(root, Path.of(recipe.dataset())),
        recipe.imgsz(), recipe.nc(), recipe.objectives(), devices,
        recipe.profile().file() == null ? null : RunFolder.relativeName(root, recipe.profile().file()), recipe.population(),
        recipe.generations(), recipe.maxMinutes(), recipe.seed(), recipe.trainPerGeneration(),
        recipe.finalProfile() == null ? null : new InputFile(RunFolder.relativeName(root, recipe.finalProfile().file()),
            Sha256.hex(recipe.finalProfile().file())),
        InputFile.single(external, ExternalFiles.Kind.SUPERNET), InputFile.single(external, ExternalFiles.Kind.INIT),
        InputFile.single(external, ExternalFiles.Kind.FINAL_INIT), InputFile.external(external, ExternalFiles.Kind.INIT_REFERENCES),
        InputFile.external(external, ExternalFiles.Kind.FINAL_INIT_REFERENCES), InputFile.single(external, ExternalFiles.Kind.DISTILL_TEACHER),
        InputFile.single(external, ExternalFiles.Kind.FINAL_DISTILL_TEACHER));
    List<EvaluatorInfo> infos = evaluators.stream().map(e -> new EvaluatorInfo(e.name(), e.metrics().stream().sorted().toList(),
        e.profileHash(), e.deviceFingerprint(), e.queue())).toList();
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
    return new RunRecord(FORMAT, VERSION, recipeHash, RunFolder.relativeName(root, recipe.inputs().getFirst()), settings,
        recipe.inputs().stream().map(p -> "inputs/" + RunFolder.relativeName(root, p)).toList(), infos, provenance);
  }

  public void write(Path file) {
    AtomicFiles.writeString(file, Json.pretty(this));
  }

  /** Reads {@code run.json}; a missing file, another format or version, or a malformed record is bad input naming the file. */
  public static RunRecord read(Path file) {
    JsonNode node = RunFiles.readJson(file);
    RunFiles.checkFormat(file, node, FORMAT, VERSION);
    RunRecord record = RunFiles.convert(file, node, RunRecord.class);
    if (record.recipe() == null || record.recipe().objectives().isEmpty()) throw new BadInputException(file + ": recipe.objectives is missing or empty");
    return record;
  }

  /** The budgets by device (NaN when a device has none), in file order. */
  public Map<String, Double> budgets() {
    Map<String, Double> out = new LinkedHashMap<>();
    recipe.devices().forEach((name, d) -> out.put(name, d.budgetMs() == null ? Double.NaN : d.budgetMs()));
    return out;
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
      return Sha256.hex(file);
    } catch (UncheckedIOException e) {
      return MachineFingerprint.UNKNOWN;
    }
  }
}
