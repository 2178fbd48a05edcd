package org.edgenas.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/**
 * Reads a finished or running run folder ({@code results/<run>/}): {@code run.json} (format
 * {@code edgenas-run}, version 1), {@code evaluations.jsonl} and, when present,
 * {@code pareto/front.json}. Only the file formats are shared with the search; no class of it.
 * Every problem is a {@link BadInputException} naming the file, the line and the field.
 */
public final class RunFolder {
  public static final String FORMAT = "edgenas-run";
  public static final int VERSION = 1;

  private RunFolder() {}

  public static Run read(Path dir) {
    Path runJson = dir.resolve("run.json");
    if (!Files.isRegularFile(runJson)) throw new BadInputException(dir + ": not a run folder (no run.json)");
    JsonNode run = parse(runJson, readString(runJson), 0);
    if (!FORMAT.equals(run.path("format").asText()) || run.path("version").asInt(-1) != VERSION) {
      throw BadInputException.at(runJson.toString(), 0, "format must be " + FORMAT + " version " + VERSION
          + ", was " + run.path("format").asText("(none)") + " version " + run.path("version").asText("(none)"));
    }
    JsonNode recipe = run.path("recipe");
    List<Objective> objectives = new ArrayList<>();
    for (JsonNode o : recipe.path("objectives")) {
      String metric = o.path("metric").asText("");
      try {
        objectives.add(new Objective(metric, o.hasNonNull("device") ? o.get("device").asText() : null,
            Direction.ofGoal(o.path("goal").asText(""))));
      } catch (IllegalArgumentException e) {
        throw BadInputException.at(runJson.toString(), 0, "recipe.objectives (" + metric + "): " + e.getMessage());
      }
    }
    if (objectives.isEmpty()) throw BadInputException.at(runJson.toString(), 0, "recipe.objectives is missing or empty");
    Map<String, Double> budgets = new LinkedHashMap<>();
    recipe.path("devices").properties().forEach(e -> budgets.put(e.getKey(), e.getValue().path("budget_ms").asDouble(Double.NaN)));
    for (Objective o : objectives) {
      if (o.device() != null && !budgets.containsKey(o.device())) {
        throw BadInputException.at(runJson.toString(), 0, "recipe.objectives names device " + o.device() + ", which recipe.devices lacks " + budgets.keySet());
      }
    }
    List<EvaluationRecord> evaluations = new ArrayList<>(readEvaluations(dir.resolve("evaluations.jsonl"), Map.of()));
    Path names = dir.resolve("baselines.json");
    if (Files.isRegularFile(names)) {
      Map<String, String> baselineNames = new LinkedHashMap<>();
      parse(names, readString(names), 0).properties().forEach(e -> baselineNames.put(e.getKey(), e.getValue().asText()));
      evaluations.addAll(readEvaluations(dir.resolve("baselines.jsonl"), baselineNames));
    }
    List<String> front = readFront(dir.resolve("pareto").resolve("front.json"));
    return new Run(dir, recipe, run.path("provenance"), objectives, budgets, evaluations, front);
  }

  /** The evaluation lines of a file; {@code baselines} names the records that are reference baselines (by hash). */
  private static List<EvaluationRecord> readEvaluations(Path file, Map<String, String> baselines) {
    if (!Files.isRegularFile(file)) return List.of();
    Map<String, EvaluationRecord> latest = new LinkedHashMap<>(); // a later line of a hash (an estimate proxy-trained) wins
    String[] lines = readString(file).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) continue;
      if (i == lines.length - 1 && !line.endsWith("}")) break; // a line cut by a crash: not yet written
      JsonNode node = parse(file, line, i + 1);
      String type = node.path("type").asText("evaluation");
      if (!type.equals("evaluation")) continue; // per-evaluator cache lines of the search
      String baseline = baselines.get(node.path("hash").asText());
      if (baseline != null && node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) o.put("baseline", baseline);
      EvaluationRecord r = record(node, file.toString(), i + 1);
      latest.remove(r.hash());
      latest.put(r.hash(), r);
    }
    return new ArrayList<>(latest.values());
  }

  static EvaluationRecord record(JsonNode n, String file, int line) {
    String hash = n.path("hash").asText("");
    if (hash.isEmpty()) throw BadInputException.at(file, line, "hash is missing");
    String status = n.path("status").asText("");
    if (!status.equals("ok") && !status.equals("failed")) throw BadInputException.at(file, line, "status must be ok or failed, was " + status);
    List<Integer> picks = new ArrayList<>();
    for (JsonNode p : n.path("picks")) picks.add(p.asInt());
    Map<String, ObjectiveValue> objectives = new LinkedHashMap<>();
    JsonNode values = n.has("values") ? n.path("values") : n.path("objectives");
    for (var e : values.properties()) {
      JsonNode v = e.getValue();
      try {
        String kind = v.hasNonNull("kind") ? v.get("kind").asText().toLowerCase(java.util.Locale.ROOT) : null;
        objectives.put(e.getKey(), new ObjectiveValue(v.path("value").asDouble(Double.NaN), kind,
            v.hasNonNull("method") ? v.get("method").asText() : null, v.hasNonNull("p90") ? v.get("p90").asDouble() : null));
      } catch (IllegalArgumentException ex) {
        throw BadInputException.at(file, line, "objectives." + e.getKey() + ": " + ex.getMessage());
      }
    }
    JsonNode s = n.path("surrogate");
    EvaluationRecord.SurrogateGuess guess = s.has("mean") && s.has("stdev")
        ? new EvaluationRecord.SurrogateGuess(s.get("mean").asDouble(), s.get("stdev").asDouble()) : null;
    JsonNode predicted = values.path("surrogate_map50_95"); // the search's record of the pre-training prediction
    if (guess == null && predicted.has("value")) guess = new EvaluationRecord.SurrogateGuess(predicted.get("value").asDouble(), 0);
    return new EvaluationRecord(hash, n.hasNonNull("parent") ? n.get("parent").asText() : null, picks,
        n.path("generation").asInt(0), status, n.hasNonNull("reason") ? n.get("reason").asText() : null,
        objectives, n.path("feasible").asBoolean(false), n.path("violation").asDouble(0),
        n.has("wallSeconds") ? n.path("wallSeconds").asDouble(0) : n.path("seconds").asDouble(0),
        n.hasNonNull("baseline") ? n.get("baseline").asText() : null, guess, n);
  }

  private static List<String> readFront(Path file) {
    if (!Files.isRegularFile(file)) return null;
    JsonNode root = parse(file, readString(file), 0);
    JsonNode front = root.has("members") ? root.path("members") : root.path("front");
    if (!front.isArray()) throw BadInputException.at(file.toString(), 0, "front must be a list of models");
    List<String> hashes = new ArrayList<>();
    for (JsonNode m : front) hashes.add(m.path("hash").asText());
    return hashes;
  }

  private static JsonNode parse(Path file, String text, int line) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      int at = line > 0 ? line : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw BadInputException.at(file.toString(), at, "not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
