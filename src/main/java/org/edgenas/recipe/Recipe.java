package org.edgenas.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A search recipe ({@code search/*.yaml}, schema 1), validated and with its paths resolved.
 *
 * @param file the recipe file as given (for messages)
 * @param root the folder its relative paths resolve against (the recipe folder's parent)
 * @param space the space file
 * @param dataset {@code builtin:synthetic} or the path of a {@code data.yaml}
 * @param imgsz the image size candidates are built and measured at
 * @param nc the number of classes (the space's unless overridden)
 * @param objectives the objectives in recipe order
 * @param devices the devices by name, each with its budget
 * @param profile the evaluator profile file; null when none is named
 * @param population individuals per generation
 * @param generations generations to run; 0 when only {@code maxMinutes} limits the run
 * @param maxMinutes wall-clock limit; 0 when none
 * @param seed the master seed
 * @param trainPerGeneration at most this many proxy trainings per generation
 * @param inputs every input file (recipe first), to copy into the run and hash
 * @param baselines reference architecture files evaluated the same way after the search, for the report
 */
public record Recipe(
    String file, Path root, Path space, String dataset, int imgsz, int nc, List<Objective> objectives,
    Map<String, DeviceBudget> devices, Path profile, int population, int generations, double maxMinutes,
    long seed, int trainPerGeneration, List<Path> inputs, List<Path> baselines) {
  public static final String SYNTHETIC = "builtin:synthetic";

  public Recipe {
    objectives = List.copyOf(objectives);
    devices = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(devices));
    inputs = List.copyOf(inputs);
    baselines = List.copyOf(baselines);
    if (objectives.isEmpty()) throw new IllegalArgumentException(file + ": at least one objective is needed");
    if (generations <= 0 && maxMinutes <= 0) throw new IllegalArgumentException(file + ": generations or max_minutes is needed");
  }

  /** The keys of the metrics the search needs: every objective and every budgeted device's latency. */
  public List<String> neededMetrics() {
    java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
    for (Objective o : objectives) keys.add(o.key());
    for (DeviceBudget d : devices.values()) if (d.hasBudget()) keys.add(Objective.key("latency_ms", d.name()));
    return List.copyOf(keys);
  }
}
