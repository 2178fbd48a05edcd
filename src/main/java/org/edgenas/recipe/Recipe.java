package org.edgenas.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.data.DatasetSpec;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.space.SearchSpace;

/**
 * A search recipe ({@code search/*.yaml}, schema 1), validated, with its paths resolved and the
 * files it names already read: its space, its evaluator profile, its device files (in {@link
 * DeviceBudget#device()}) and its {@code data.yaml}. To add
 * a key: add it to {@link RecipeLoader#KEYS}, a component here, and read it in {@link RecipeLoader}.
 *
 * @param file the recipe file as given (for messages)
 * @param root the folder its relative paths resolve against (the recipe folder's parent)
 * @param space the search space, loaded at the recipe's {@code nc}
 * @param dataset {@code builtin:synthetic} or the path of a {@code data.yaml}
 * @param data the {@code data.yaml} read; null for the built-in synthetic dataset
 * @param imgsz the image size candidates are built and measured at
 * @param nc the number of classes (the space's unless overridden)
 * @param objectives the objectives in recipe order
 * @param devices the devices by name, each with its budget
 * @param profile the evaluator profile; {@link EvaluatorProfile#NONE} when none is named
 * @param population individuals per generation
 * @param generations generations to run; 0 when only {@code maxMinutes} limits the run
 * @param maxMinutes wall-clock limit; 0 when none
 * @param seed the master seed
 * @param trainPerGeneration at most this many proxy trainings per generation
 * @param inputs every input file (recipe first), to copy into the run and hash
 * @param baselines reference architecture files evaluated the same way after the search, for the report
 * @param warnings located sentences about inputs that were read but not refused (keys of a
 *     {@code data.yaml} edgenas does not read)
 * @param accuracy how accuracy objectives are estimated: {@link #PROXY} (proxy-train every
 *     candidate) or {@link #SUPERNET} (inherit from a weight-sharing supernet)
 * @param supernet with {@link #SUPERNET}: a supernet file trained earlier to reuse, or null to
 *     train one into the run at the start of the search (resumed with the run)
 * @param workers worker processes of this machine that proxy-train (one candidate each at a time);
 *     0 when the recipe names none (as many as the cores and the profile's threads allow)
 * @param cluster where proxy evaluations go instead; null for this machine
 * @param finalProfile the {@code final:} profile (with a {@code proxy:} section) each front member is
 *     trained standalone with after the search; null for none
 */
public record Recipe(
    String file, Path root, SearchSpace space, String dataset, DatasetSpec data, int imgsz, int nc, List<Objective> objectives,
    Map<String, DeviceBudget> devices, EvaluatorProfile profile, int population, int generations, double maxMinutes,
    long seed, int trainPerGeneration, List<Path> inputs, List<Path> baselines, List<String> warnings, String accuracy,
    Path supernet, int workers, Cluster cluster, EvaluatorProfile finalProfile) {
  public static final String SYNTHETIC = "builtin:synthetic";
  public static final String PROXY = "proxy";
  public static final String SUPERNET = "supernet";

  /** A recipe whose accuracy objectives are proxy-trained, in this process or the machine's default workers. */
  public Recipe(String file, Path root, SearchSpace space, String dataset, DatasetSpec data, int imgsz, int nc, List<Objective> objectives,
      Map<String, DeviceBudget> devices, EvaluatorProfile profile, int population, int generations, double maxMinutes,
      long seed, int trainPerGeneration, List<Path> inputs, List<Path> baselines, List<String> warnings) {
    this(file, root, space, dataset, data, imgsz, nc, objectives, devices, profile, population, generations, maxMinutes, seed,
        trainPerGeneration, inputs, baselines, warnings, PROXY, null, 0, null, null);
  }

  public Recipe {
    objectives = List.copyOf(objectives);
    devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
    inputs = List.copyOf(inputs);
    baselines = List.copyOf(baselines);
    warnings = List.copyOf(warnings);
    java.util.Objects.requireNonNull(space, "space");
    java.util.Objects.requireNonNull(profile, "profile (EvaluatorProfile.NONE for none)");
    if (objectives.isEmpty()) throw new IllegalArgumentException(file + ": at least one objective is needed");
    if (workers < 0) throw new IllegalArgumentException(file + ": workers must be at least 1, was " + workers);
    if (generations <= 0 && maxMinutes <= 0) throw new IllegalArgumentException(file + ": generations or max_minutes is needed");
    if (!accuracy.equals(PROXY) && !accuracy.equals(SUPERNET)) throw new IllegalArgumentException(file + ": accuracy must be proxy or supernet");
    if (supernet != null && !accuracy.equals(SUPERNET)) throw new IllegalArgumentException(file + ": supernet: goes with accuracy: supernet");
    if (finalProfile != null && !finalProfile.hasProxy()) throw new IllegalArgumentException(file + ": final: needs a profile with a proxy: section");
  }

  /** The space file. */
  public Path spaceFile() {
    return Path.of(space.file());
  }

  /** The keys of the metrics the search needs: every objective and every budgeted device's latency. */
  public List<String> neededMetrics() {
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
    for (Objective o : objectives) keys.add(o.key());
    for (DeviceBudget d : devices.values()) if (d.hasBudget()) keys.add(Objective.key("latency_ms", d.name()));
    return List.copyOf(keys);
  }
}
