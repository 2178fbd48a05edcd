package org.edgenas.recipe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.data.DataYaml;
import org.edgenas.device.Device;
import org.edgenas.device.DeviceInventory;
import org.edgenas.data.DatasetSpec;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.space.Choice;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a recipe (schema 1). Every error names {@code file:line: field}. Relative
 * paths resolve against the recipe folder's parent (recipes live in {@code search/}, so that is the
 * project root); a device other than {@code local} needs {@code devices/<name>.yaml} there. The
 * files it names are read here, once: the space ({@link SpaceLoader}), the evaluator profile
 * ({@link EvaluatorProfiles}), each device file ({@link DeviceInventory#load}) and a {@code data.yaml} ({@link DataYaml}), each reporting its own
 * {@code file:line}. To add a key: add it to {@link #KEYS}, a component to {@link Recipe}, and
 * read it in {@code parse}.
 */
public final class RecipeLoader {
  public static final int SCHEMA = 1;
  /** The keys of a recipe; any other is refused with file:line. */
  public static final List<String> KEYS = List.of("schema", "name", "description", "space", "dataset", "imgsz", "nc",
      "objectives", "devices", "profile", "population", "generations", "max_minutes", "seed", "train_per_generation",
      "baselines", "accuracy", "supernet", "workers", "cluster", "final");

  private final YamlDoc doc;
  private final Path root;
  private final ExternalFiles external;

  private RecipeLoader(YamlDoc doc, Path root, ExternalFiles external) {
    this.doc = doc;
    this.root = root;
    this.external = external;
  }

  /** The root a recipe's relative paths resolve against: the parent of the folder holding it. */
  public static Path rootOf(Path recipe) {
    Path dir = recipe.toAbsolutePath().normalize().getParent();
    return dir.getParent() == null ? dir : dir.getParent();
  }

  public static Recipe load(Path recipe) {
    return load(recipe, ExternalFiles.AS_WRITTEN);
  }

  /**
   * Loads a run's copy of its recipe: {@code external} says where its {@code supernet:} file, {@code
   * init:} checkpoints and its other {@link ExternalFiles} are (they are not copied into the run, so
   * the paths as written may not resolve from the copy); each named must exist.
   */
  public static Recipe load(Path recipe, ExternalFiles external) {
    return new RecipeLoader(YamlDoc.read(recipe), rootOf(recipe), external).parse(recipe);
  }

  private Recipe parse(Path recipeFile) {
    Map<String, Node> top = doc.fields(doc.root(), "the recipe", KEYS);
    Node schema = required(top, "schema", "schema: " + SCHEMA);
    if (!Integer.valueOf(SCHEMA).equals(doc.value(schema, "schema"))) {
      throw doc.error(schema, "schema " + doc.value(schema, "schema") + " is not supported (this edgenas reads schema " + SCHEMA + ")");
    }
    List<Path> inputs = new ArrayList<>(List.of(recipeFile.toAbsolutePath().normalize()));
    Node spaceNode = required(top, "space", "a space file such as spaces/tiny.yaml");
    Path space = existing(spaceNode, "space");
    inputs.add(space);
    int nc = top.containsKey("nc") ? doc.integer(top.get("nc"), "nc", 1, 10_000) : 0;
    SearchSpace loaded = SpaceLoader.load(space, nc);
    if (loaded.choices().isEmpty()) throw doc.error(spaceNode, "space " + doc.string(spaceNode, "space") + " has no choices to search");
    Node datasetNode = required(top, "dataset", Recipe.SYNTHETIC + " or a data.yaml path");
    String dataset = doc.string(datasetNode, "dataset");
    DatasetSpec data = null;
    if (!dataset.equals(Recipe.SYNTHETIC)) {
      Path dataFile = existing(datasetNode, "dataset");
      inputs.add(dataFile);
      dataset = dataFile.toString();
      data = DataYaml.read(dataFile);
      int classes = nc > 0 ? nc : loaded.nc();
      if (data.classCount() != classes) {
        throw doc.error(top.getOrDefault("nc", datasetNode), "nc is " + classes + (nc > 0 ? "" : " (the space's)") + " but " + dataFile
            + " names " + data.classCount() + " classes; set nc: " + data.classCount() + " in the recipe");
      }
    }
    int imgsz = top.containsKey("imgsz") ? doc.integer(top.get("imgsz"), "imgsz", 32, 4096) : loaded.imgsz();
    if (imgsz % 32 != 0) throw doc.error(top.get("imgsz"), "imgsz must be a multiple of 32, was " + imgsz);
    Map<String, DeviceBudget> devices = devices(top.get("devices"), inputs);
    List<Objective> objectives = objectives(required(top, "objectives", "a list such as - {metric: params, goal: min}"), devices);
    EvaluatorProfile profile = EvaluatorProfile.NONE;
    if (top.containsKey("profile")) {
      Path profileFile = existing(top.get("profile"), "profile");
      inputs.add(profileFile);
      profile = EvaluatorProfiles.load(profileFile, external.get(ExternalFiles.Kind.INIT), external.all(ExternalFiles.Kind.INIT_REFERENCES),
          external.get(ExternalFiles.Kind.DISTILL_TEACHER));
    }
    Objective accuracy = objectives.stream().filter(Objective::isAccuracy).findFirst().orElse(null);
    if (accuracy != null && !profile.hasProxy()) {
      throw doc.error(top.getOrDefault("profile", doc.root()), "objective " + accuracy.key() + " needs an evaluator profile with a proxy:"
          + " section (profile: evaluators/" + (accuracy.metric().equals(Objective.TRAINING_SPEED) ? "training-speed" : "proxy-fast")
          + ".yaml), " + (profile.file() == null ? "none is named" : profile.file() + " has none"));
    }
    String estimate = top.containsKey("accuracy") ? doc.string(top.get("accuracy"), "accuracy") : top.containsKey("supernet")
        ? Recipe.SUPERNET : Recipe.PROXY;
    if (!estimate.equals(Recipe.PROXY) && !estimate.equals(Recipe.SUPERNET)) {
      throw doc.error(top.get("accuracy"), "accuracy must be proxy (train every candidate) or supernet (inherit from a weight-sharing"
          + " supernet), was " + estimate);
    }
    Path supernet = null;
    if (top.containsKey("supernet")) {
      if (estimate.equals(Recipe.PROXY)) throw doc.error(top.get("supernet"), "supernet: goes with accuracy: supernet, not accuracy: proxy");
      // not an input copied into the run (it can be large): a resumed run names where it is
      Path located = external.get(ExternalFiles.Kind.SUPERNET);
      supernet = located != null ? located : existing(top.get("supernet"), "supernet");
    }
    if (estimate.equals(Recipe.SUPERNET) && !profile.hasSupernet()) {
      throw doc.error(top.getOrDefault("profile", doc.root()), "accuracy: supernet needs an evaluator profile with proxy: and supernet:"
          + " sections (profile: evaluators/supernet.yaml), " + (profile.file() == null ? "none is named" : profile.file() + " has no supernet:"));
    }
    int population = top.containsKey("population") ? doc.integer(top.get("population"), "population", 4, 10_000) : 16;
    int generations = top.containsKey("generations") ? doc.integer(top.get("generations"), "generations", 1, 100_000) : 0;
    double maxMinutes = top.containsKey("max_minutes") ? doc.number(top.get("max_minutes"), "max_minutes", 0.01, 1e6) : 0;
    if (generations == 0 && maxMinutes == 0) throw doc.error(doc.root(), "generations or max_minutes is needed (how long to search)");
    long seed = top.containsKey("seed") ? doc.integer(top.get("seed"), "seed", 0, Integer.MAX_VALUE) : 0;
    int train = top.containsKey("train_per_generation")
        ? doc.integer(top.get("train_per_generation"), "train_per_generation", 0, 10_000) : population;
    if (objectives.stream().anyMatch(o -> o.metric().equals(Objective.TRAINING_SPEED))) {
      checkTrainingSpeed(top, objectives, loaded, estimate, train, population);
    }
    List<Path> baselines = new java.util.ArrayList<>();
    if (top.containsKey("baselines")) {
      for (Node b : doc.sequence(top.get("baselines"), "baselines")) {
        String name = doc.string(b, "baselines");
        Path file = root.resolve("spaces/reference").resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) {
          throw doc.error(b, "baselines: " + name + " has no spaces/reference/" + name + ".yaml (expected a reference such as yolo11n)");
        }
        baselines.add(file);
        inputs.add(file);
      }
    }
    int workers = top.containsKey("workers") ? doc.integer(top.get("workers"), "workers", 1, 1024) : 0;
    Cluster cluster = top.containsKey("cluster") ? cluster(top.get("cluster")) : null;
    if (cluster != null && top.containsKey("workers")) {
      throw doc.error(top.get("workers"), "workers applies to this machine; with cluster: each worker says its own --slots");
    }
    EvaluatorProfile finalProfile = null;
    if (top.containsKey("final")) {
      Path finalFile = existing(top.get("final"), "final");
      finalProfile = EvaluatorProfiles.load(finalFile, external.get(ExternalFiles.Kind.FINAL_INIT),
          external.all(ExternalFiles.Kind.FINAL_INIT_REFERENCES), external.get(ExternalFiles.Kind.FINAL_DISTILL_TEACHER));
      if (!finalProfile.hasProxy()) {
        throw doc.error(top.get("final"), "final: " + doc.string(top.get("final"), "final") + " has no proxy: section (the standalone"
            + " training of each front member after the search; such as evaluators/proxy-long.yaml)");
      }
      inputs.add(finalFile);
    }
    List<String> warnings = new ArrayList<>(data == null ? List.of() : data.warnings());
    if (estimate.equals(Recipe.SUPERNET) && finalProfile == null && accuracy != null) {
      warnings.add(doc.file() + ": accuracy: supernet without final: the front keeps the mAPs of models inherited from the"
          + " supernet, which order close architectures less well than proxy training (bench/README.md, \"Weight-sharing"
          + " supernet\"); add final: (e.g. evaluators/proxy-long.yaml) to train each front member standalone");
    }
    return new Recipe(doc.file(), root, loaded, dataset, data, imgsz, nc > 0 ? nc : loaded.nc(), objectives, devices, profile,
        population, generations, maxMinutes, seed, train, inputs, baselines, List.copyOf(warnings), estimate, supernet,
        workers, cluster, finalProfile);
  }

  /**
   * The training-speed objective scores the float parent's own proxy training: refused where that
   * figure would mislead (a goal of min, no training to take it from, a surrogate that predicts mAP
   * only, or compression choices it cannot see, which would then look free).
   */
  private void checkTrainingSpeed(Map<String, Node> top, List<Objective> objectives, SearchSpace space, String estimate, int train,
      int population) {
    Node at = top.get("objectives");
    String what = "objective " + Objective.TRAINING_SPEED;
    for (int i = 0; i < objectives.size(); i++) {
      if (objectives.get(i).metric().equals(Objective.TRAINING_SPEED) && objectives.get(i).goal() != Goal.MAX) {
        throw doc.error(doc.sequence(at, "objectives").get(i), what + " is higher for a better architecture: its goal must be max");
      }
    }
    if (estimate.equals(Recipe.SUPERNET)) {
      throw doc.error(top.get("accuracy") == null ? at : top.get("accuracy"), what + " is taken from each candidate's own proxy training,"
          + " which accuracy: supernet does not run; use accuracy: proxy, or map50_95 with the supernet");
    }
    if (train < population) {
      throw doc.error(top.get("train_per_generation"), what + " needs every candidate trained (train_per_generation " + train
          + " < population " + population + "): the surrogate predicts map50_95 only; remove train_per_generation");
    }
    List<String> compression = space.choices().stream()
        .filter(c -> (c.label().endsWith(".prune") || c.label().endsWith(".bits")) && c.size() > 1).map(Choice::label).toList();
    if (!compression.isEmpty()) {
      throw doc.error(top.get("space"), what + " scores the float, unpruned network and cannot see pruning or bit widths, which"
          + " would then look free; space " + space.file() + " chooses " + String.join(", ", compression)
          + ": fix them (one option each) in a space of its own, or use map50_95");
    }
  }

  private Cluster cluster(Node node) {
    Map<String, Node> f = doc.fields(node, "cluster", Cluster.KEYS);
    String temporal = doc.string(required(f, node, "cluster.temporal", "HOST:PORT of the Temporal frontend"), "cluster.temporal");
    String queue = doc.string(required(f, node, "cluster.queue", "the task queue the workers poll"), "cluster.queue");
    Node artifactsNode = required(f, node, "cluster.artifacts", "a folder every worker reaches under the same path");
    String artifacts = doc.string(artifactsNode, "cluster.artifacts");
    Path dir = artifacts.startsWith("file:") ? Path.of(java.net.URI.create(artifacts)) : Path.of(artifacts);
    if (!dir.isAbsolute()) throw doc.error(artifactsNode, "cluster.artifacts must be an absolute path or file: URI (workers on other machines read it), was " + artifacts);
    int heartbeat = f.containsKey("heartbeat_seconds") ? doc.integer(f.get("heartbeat_seconds"), "cluster.heartbeat_seconds", 1, 3600)
        : Cluster.DEFAULT_HEARTBEAT_SECONDS;
    int wait = f.containsKey("wait_seconds") ? doc.integer(f.get("wait_seconds"), "cluster.wait_seconds", 0, 86_400) : Cluster.DEFAULT_WAIT_SECONDS;
    try {
      return new Cluster(temporal, queue, dir.normalize(), heartbeat, wait);
    } catch (IllegalArgumentException e) {
      throw doc.error(node, "cluster." + e.getMessage());
    }
  }

  private Map<String, DeviceBudget> devices(Node node, List<Path> inputs) {
    Map<String, DeviceBudget> out = new LinkedHashMap<>();
    if (node == null) return out;
    for (var e : doc.mapping(node, "devices").entrySet()) {
      String name = e.getKey();
      if (!name.matches("[A-Za-z0-9_.-]+")) throw doc.error(e.getValue(), "devices." + name + " is not a valid device name (letters, digits, _ . -)");
      double budget = Double.POSITIVE_INFINITY;
      if (!(e.getValue() instanceof org.yaml.snakeyaml.nodes.ScalarNode s && s.getValue().isEmpty())) {
        Map<String, Node> fields = doc.fields(e.getValue(), "devices." + name, List.of("budget_ms"));
        if (fields.containsKey("budget_ms")) budget = doc.number(fields.get("budget_ms"), "devices." + name + ".budget_ms", 1e-6, 1e9);
      }
      Device device = null;
      if (!name.equals(DeviceBudget.LOCAL)) {
        Path file = root.resolve("devices").resolve(name + ".yaml");
        if (!Files.isRegularFile(file)) throw doc.error(e.getValue(), "devices." + name + " has no devices/" + name + ".yaml");
        inputs.add(file);
        device = DeviceInventory.load(file);
      }
      out.put(name, new DeviceBudget(name, budget, device, YamlDoc.line(e.getValue())));
    }
    return out;
  }

  private List<Objective> objectives(Node node, Map<String, DeviceBudget> devices) {
    List<Objective> out = new ArrayList<>();
    List<Node> items = doc.sequence(node, "objectives");
    if (items.isEmpty()) throw doc.error(node, "objectives is empty (expected at least one)");
    for (int i = 0; i < items.size(); i++) {
      String what = "objectives[" + i + "]";
      Map<String, Node> f = doc.fields(items.get(i), what, List.of("metric", "device", "goal"));
      String metric = doc.string(required(f, items.get(i), what + ".metric", String.join(", ", Objective.METRICS)), what + ".metric");
      if (!Objective.METRICS.contains(metric)) throw doc.error(f.get("metric"), what + ".metric must be one of " + Objective.METRICS + ", was " + metric);
      String device = f.containsKey("device") ? doc.string(f.get("device"), what + ".device") : null;
      if (metric.equals("latency_ms") && device == null) throw doc.error(items.get(i), what + ".device is needed for latency_ms (one of " + devices.keySet() + ")");
      if (!metric.equals("latency_ms") && device != null) throw doc.error(f.get("device"), what + ".device applies to latency_ms only, not " + metric);
      if (device != null && !devices.containsKey(device)) throw doc.error(f.get("device"), what + ".device " + device + " is not under devices: (expected one of " + devices.keySet() + ")");
      String goal = doc.string(required(f, items.get(i), what + ".goal", "min or max"), what + ".goal").toUpperCase(Locale.ROOT);
      if (!goal.equals("MIN") && !goal.equals("MAX")) throw doc.error(f.get("goal"), what + ".goal must be min or max, was " + goal.toLowerCase(Locale.ROOT));
      Objective o = new Objective(metric, device, Goal.valueOf(goal));
      if (out.stream().anyMatch(x -> x.key().equals(o.key()))) throw doc.error(items.get(i), what + " repeats " + o.key());
      out.add(o);
    }
    return out;
  }

  private Path existing(Node node, String field) {
    String text = doc.string(node, field);
    Path p = root.resolve(text).normalize();
    if (!Files.isRegularFile(p)) throw doc.error(node, field + " " + text + " does not exist (looked for " + p + ")");
    return p;
  }

  private Node required(Map<String, Node> top, String key, String expected) {
    return required(top, doc.root(), key, expected);
  }

  private Node required(Map<String, Node> map, Node owner, String key, String expected) {
    Node n = map.get(key.substring(key.lastIndexOf('.') + 1));
    if (n == null) throw doc.error(owner, key + " is missing (expected " + expected + ")");
    return n;
  }
}
