package org.edgenas.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.space.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code proxy:} block of an evaluator profile into an {@link EvaluatorProfile}. Every
 * key is required except the augment flags (default off), warmup_bias_lr (0.1), optimizer (sgd) and
 * bn_recalibration (0), ema (none), zero_init_residual (false) and seeds (1); bad values are a {@link BadInputException} naming file, line and field.
 */
public final class EvaluatorProfiles {
  public static final String BLOCK_KEY = "proxy";
  private static final List<String> KEYS = List.of("imgsz", "steps", "epochs", "batch", "lr0", "lrf", "warmup_steps",
      "warmup_bias_lr", "momentum", "weight_decay", "schedule", "subset", "threads", "seed", "augment", "optimizer",
      "bn_recalibration", "ema", "zero_init_residual", "seeds");

  /** The most trainings one estimate may average. */
  public static final int MAX_SEEDS = 16;

  private EvaluatorProfiles() {}

  public static EvaluatorProfile load(Path file) {
    YamlDoc doc = YamlDoc.read(file);
    Map<String, Node> top = doc.mapping(doc.root(), "the profile");
    Node block = top.get(BLOCK_KEY);
    if (block == null) throw doc.error(doc.root(), "missing the '" + BLOCK_KEY + ":' block of proxy-training settings");
    Map<String, Node> m = doc.mapping(block, BLOCK_KEY);
    doc.onlyKeys(m, BLOCK_KEY, KEYS, block);
    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    int steps = m.containsKey("steps") ? doc.integer(m.get("steps"), key("steps"), 1, 10_000_000) : 0;
    int epochs = m.containsKey("epochs") ? doc.integer(m.get("epochs"), key("epochs"), 1, 100_000) : 0;
    if ((steps > 0) == (epochs > 0)) throw doc.error(block, BLOCK_KEY + " needs exactly one of steps or epochs");
    String schedule = doc.string(need(doc, m, "schedule", block), key("schedule"));
    if (!schedule.equals("linear") && !schedule.equals("cosine")) {
      throw doc.error(m.get("schedule"), key("schedule") + " must be linear or cosine, was " + schedule);
    }
    Node subsetNode = need(doc, m, "subset", block);
    double subset = doc.number(subsetNode, key("subset"), Double.MIN_VALUE, 1e9);
    if (subset > 1 && subset != Math.rint(subset)) {
      throw doc.error(subsetNode, key("subset") + " must be a fraction in (0, 1] or a whole count of images, was " + subset);
    }
    EvaluatorProfile.Optimizer optimizer = EvaluatorProfile.Optimizer.SGD;
    if (m.containsKey("optimizer")) {
      String o = doc.string(m.get("optimizer"), key("optimizer"));
      optimizer = java.util.Arrays.stream(EvaluatorProfile.Optimizer.values()).filter(x -> x.key().equals(o)).findFirst()
          .orElseThrow(() -> doc.error(m.get("optimizer"), key("optimizer") + " must be sgd or adamw, was " + o));
    }
    try {
      return new EvaluatorProfile(name, doc.integer(need(doc, m, "imgsz", block), key("imgsz"), 32, 4096), steps, epochs,
          doc.integer(need(doc, m, "batch", block), key("batch"), 1, 1024),
          doc.number(need(doc, m, "lr0", block), key("lr0"), 1e-8, 10),
          doc.number(need(doc, m, "lrf", block), key("lrf"), 0, 1),
          doc.integer(need(doc, m, "warmup_steps", block), key("warmup_steps"), 0, 10_000_000),
          m.containsKey("warmup_bias_lr") ? doc.number(m.get("warmup_bias_lr"), key("warmup_bias_lr"), 0, 10) : 0.1,
          doc.number(need(doc, m, "momentum", block), key("momentum"), 0, 0.999),
          doc.number(need(doc, m, "weight_decay", block), key("weight_decay"), 0, 0.1),
          schedule.equals("cosine"), subset,
          doc.integer(need(doc, m, "threads", block), key("threads"), 1, 256),
          doc.integer(need(doc, m, "seed", block), key("seed"), 0, Integer.MAX_VALUE),
          m.containsKey("augment") ? augment(doc, m.get("augment")) : EvaluatorProfile.Augment.NONE, optimizer,
          m.containsKey("bn_recalibration") ? doc.integer(m.get("bn_recalibration"), key("bn_recalibration"), 0, 100_000) : 0,
          m.containsKey("ema") ? ema(doc, m.get("ema")) : EvaluatorProfile.Ema.NONE,
          m.containsKey("zero_init_residual") && flag(doc, m.get("zero_init_residual"), key("zero_init_residual")),
          m.containsKey("seeds") ? doc.integer(m.get("seeds"), key("seeds"), 1, MAX_SEEDS) : 1);
    } catch (IllegalArgumentException e) {
      throw doc.error(block, BLOCK_KEY + ": " + e.getMessage());
    }
  }

  private static EvaluatorProfile.Augment augment(YamlDoc doc, Node node) {
    Map<String, Node> a = doc.mapping(node, key("augment"));
    doc.onlyKeys(a, key("augment"), List.of("flip", "scale", "hsv"), node);
    double flip = a.containsKey("flip") ? doc.number(a.get("flip"), key("augment.flip"), 0, 1) : 0;
    double scale = a.containsKey("scale") ? doc.number(a.get("scale"), key("augment.scale"), 0, 0.95) : 0;
    boolean hsv = a.containsKey("hsv") && flag(doc, a.get("hsv"), key("augment.hsv"));
    return new EvaluatorProfile.Augment(flip, scale, hsv);
  }

  private static boolean flag(YamlDoc doc, Node node, String field) {
    Object v = doc.value(node, field);
    if (!(v instanceof Boolean b)) throw doc.error(node, field + " must be true or false, was " + v);
    return b;
  }

  private static EvaluatorProfile.Ema ema(YamlDoc doc, Node node) {
    Map<String, Node> e = doc.mapping(node, key("ema"));
    doc.onlyKeys(e, key("ema"), List.of("decay", "tau"), node);
    Node decay = e.get("decay");
    if (decay == null) throw doc.error(node, key("ema.decay") + " is required (0 for no average)");
    return new EvaluatorProfile.Ema(doc.number(decay, key("ema.decay"), 0, 0.999999),
        e.containsKey("tau") ? doc.integer(e.get("tau"), key("ema.tau"), 0, 10_000_000) : 0);
  }

  private static Node need(YamlDoc doc, Map<String, Node> m, String field, Node block) {
    Node n = m.get(field);
    if (n == null) throw doc.error(block, key(field) + " is required");
    return n;
  }

  private static String key(String field) {
    return BLOCK_KEY + "." + field;
  }
}
