package org.edgenas.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.YamlDoc;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.MeasurementProtocols;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an evaluator profile ({@code evaluators/*.yaml}) once into an {@link EvaluatorProfile}:
 * the top-level keys are {@link #KEYS} (any other is refused with {@code file:line}), each a
 * section read here ({@code proxy:}), by {@link CompressSettings}, {@link SupernetSettings}, {@link
 * MeasurementProtocols} or {@link InitSettings} ({@code init:}).
 * In {@code proxy:} every key of {@link #PROXY_KEYS} is required except the augment flags (default
 * off), warmup_bias_lr (0.1), optimizer (sgd), bn_recalibration (0), ema (none), zero_init_residual
 * (false) and seeds (1). To add a key: add it to the list of its section and read it there.
 */
public final class EvaluatorProfiles {
  /** The sections of a profile. */
  public static final List<String> KEYS = List.of("proxy", "compress", MeasurementProtocols.BLOCK_KEY,
      SupernetSettings.BLOCK_KEY, InitSettings.KEY);
  public static final String BLOCK_KEY = "proxy";
  /** The keys of the {@code proxy:} section. */
  public static final List<String> PROXY_KEYS = List.of("imgsz", "steps", "epochs", "batch", "lr0", "lrf", "warmup_steps",
      "warmup_bias_lr", "momentum", "weight_decay", "schedule", "subset", "threads", "seed", "augment", "optimizer",
      "bn_recalibration", "ema", "zero_init_residual", "seeds");

  /** The most trainings one estimate may average. */
  public static final int MAX_SEEDS = 16;

  private EvaluatorProfiles() {}

  /** Reads the profile file. */
  public static EvaluatorProfile load(Path file) {
    return load(file, null, null, null);
  }

  /**
   * Reads a run's copy of a profile: {@code initFile}, when not null, is where its {@code init:}
   * checkpoint is, {@code initReferences}, when not null, the reference architectures it is matched
   * against, and {@code teacherFile}, when not null, the {@code compress.distill} teacher's
   * architecture (none is copied into the run, so they may not resolve from the copy).
   */
  public static EvaluatorProfile load(Path file, Path initFile, List<Path> initReferences, Path teacherFile) {
    return parse(YamlDoc.read(file), file, initFile, initReferences, teacherFile);
  }

  /** Reads a profile already composed from {@code file}. */
  public static EvaluatorProfile parse(YamlDoc doc, Path file) {
    return parse(doc, file, null, null, null);
  }

  private static EvaluatorProfile parse(YamlDoc doc, Path file, Path initFile, List<Path> initReferences, Path teacherFile) {
    Map<String, Node> top = doc.fields(doc.root(), "the profile", KEYS);
    String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    ProxySettings proxy = top.containsKey(BLOCK_KEY) ? proxy(doc, top.get(BLOCK_KEY), name) : null;
    CompressSettings compress = top.containsKey(CompressSettings.BLOCK_KEY)
        ? CompressSettings.parse(doc, top.get(CompressSettings.BLOCK_KEY), file, teacherFile) : CompressSettings.DEFAULT;
    MeasurementProtocol latency = top.containsKey(MeasurementProtocols.BLOCK_KEY)
        ? MeasurementProtocols.read(doc, top.get(MeasurementProtocols.BLOCK_KEY)) : MeasurementProtocol.DEFAULT;
    SupernetSettings supernet = top.containsKey(SupernetSettings.BLOCK_KEY)
        ? SupernetSettings.parse(doc, top.get(SupernetSettings.BLOCK_KEY)) : null;
    InitSettings init = top.containsKey(InitSettings.KEY) ? InitSettings.parse(doc, top.get(InitSettings.KEY), file, initFile, initReferences) : null;
    return new EvaluatorProfile(name, file, sha16(doc.text()), proxy, compress, latency, supernet, init);
  }

  /** The {@code proxy:} section of a profile file, which must have one. */
  public static ProxySettings loadProxy(Path file) {
    return load(file).requireProxy();
  }

  private static ProxySettings proxy(YamlDoc doc, Node block, String name) {
    Map<String, Node> m = doc.fields(block, BLOCK_KEY, PROXY_KEYS);
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
    ProxySettings.Optimizer optimizer = ProxySettings.Optimizer.SGD;
    if (m.containsKey("optimizer")) {
      String o = doc.string(m.get("optimizer"), key("optimizer"));
      optimizer = java.util.Arrays.stream(ProxySettings.Optimizer.values()).filter(x -> x.key().equals(o)).findFirst()
          .orElseThrow(() -> doc.error(m.get("optimizer"), key("optimizer") + " must be sgd or adamw, was " + o));
    }
    try {
      return new ProxySettings(name, doc.integer(need(doc, m, "imgsz", block), key("imgsz"), 32, 4096), steps, epochs,
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
          m.containsKey("augment") ? augment(doc, m.get("augment")) : ProxySettings.Augment.NONE, optimizer,
          m.containsKey("bn_recalibration") ? doc.integer(m.get("bn_recalibration"), key("bn_recalibration"), 0, 100_000) : 0,
          m.containsKey("ema") ? ema(doc, m.get("ema")) : ProxySettings.Ema.NONE,
          m.containsKey("zero_init_residual") && flag(doc, m.get("zero_init_residual"), key("zero_init_residual")),
          m.containsKey("seeds") ? doc.integer(m.get("seeds"), key("seeds"), 1, MAX_SEEDS) : 1);
    } catch (IllegalArgumentException e) {
      throw doc.error(block, BLOCK_KEY + ": " + e.getMessage());
    }
  }

  private static ProxySettings.Augment augment(YamlDoc doc, Node node) {
    Map<String, Node> a = doc.fields(node, key("augment"), List.of("flip", "scale", "hsv"));
    double flip = a.containsKey("flip") ? doc.number(a.get("flip"), key("augment.flip"), 0, 1) : 0;
    double scale = a.containsKey("scale") ? doc.number(a.get("scale"), key("augment.scale"), 0, 0.95) : 0;
    boolean hsv = a.containsKey("hsv") && flag(doc, a.get("hsv"), key("augment.hsv"));
    return new ProxySettings.Augment(flip, scale, hsv);
  }

  private static boolean flag(YamlDoc doc, Node node, String field) {
    Object v = doc.value(node, field);
    if (!(v instanceof Boolean b)) throw doc.error(node, field + " must be true or false, was " + v);
    return b;
  }

  private static ProxySettings.Ema ema(YamlDoc doc, Node node) {
    Map<String, Node> e = doc.fields(node, key("ema"), List.of("decay", "tau"));
    Node decay = e.get("decay");
    if (decay == null) throw doc.error(node, key("ema.decay") + " is required (0 for no average)");
    return new ProxySettings.Ema(doc.number(decay, key("ema.decay"), 0, 0.999999),
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

  static String sha16(String text) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
