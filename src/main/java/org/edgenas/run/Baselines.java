package org.edgenas.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationLog;

/**
 * The baselines of a run: their evaluations in {@code baselines.jsonl} (an {@link EvaluationLog})
 * and their names by architecture hash in {@code baselines.json} (format {@value #FORMAT} version
 * {@value #VERSION}; the unversioned map of earlier runs is read too).
 */
public final class Baselines {
  public static final String FORMAT = "edgenas-baselines";
  public static final int VERSION = 1;

  private Baselines() {}

  public static Path log(Path runDir) {
    return runDir.resolve("baselines.jsonl");
  }

  public static Path names(Path runDir) {
    return runDir.resolve("baselines.json");
  }

  /** Writes the names by hash, atomically. */
  public static void writeNames(Path runDir, Map<String, String> namesByHash) {
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("format", FORMAT);
    file.put("version", VERSION);
    file.put("names", new TreeMap<>(namesByHash));
    AtomicFiles.writeString(names(runDir), Json.pretty(file));
  }

  /** The run's baselines in name order; none when the run evaluated none (yet). */
  public static List<Baseline> read(Path runDir) {
    Path file = names(runDir);
    if (!Files.isRegularFile(file)) return List.of();
    JsonNode node = RunFiles.readJson(file);
    JsonNode names = node;
    if (node.has("format")) {
      RunFiles.checkFormat(file, node, FORMAT, VERSION);
      names = node.path("names");
    }
    Map<String, Evaluation> byHash = new LinkedHashMap<>();
    for (Evaluation e : EvaluationLog.read(log(runDir))) byHash.put(e.hash(), e);
    List<Baseline> out = new ArrayList<>();
    for (var entry : names.properties()) {
      Evaluation e = byHash.get(entry.getKey());
      if (e == null) throw new BadInputException(file + ": baseline " + entry.getValue().asText() + " (" + entry.getKey() + ") has no evaluation in " + log(runDir));
      out.add(new Baseline(entry.getValue().asText(), e));
    }
    out.sort(java.util.Comparator.comparing(Baseline::name));
    return out;
  }
}
