package org.edgenas.space;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.ArchitectureException;
import org.edgenas.arch.ArgSpec;
import org.edgenas.arch.BlockKind;
import org.edgenas.arch.Blocks;
import org.edgenas.arch.Layer;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates a space file ({@code schema: 1}) eagerly: every error names the file, the
 * line and the field. After parsing, the default architecture and a seeded sample of others are
 * built and lowered, so connection, channel and stride errors surface at load time.
 */
public final class SpaceLoader {
  public static final int SCHEMA = 1;
  private static final List<String> TOP_KEYS =
      List.of("schema", "name", "description", "nc", "imgsz", "scales", "scale", "groups", "layers");
  private static final List<String> LAYER_KEYS =
      List.of("name", "block", "from", "channels", "repeats", "prune", "bits", "group", "optional", "bypass");

  private final YamlDoc doc;
  private final List<Choice> choices = new ArrayList<>();
  private final Map<String, Setting> switches = new LinkedHashMap<>();
  private final Set<String> allNames = new HashSet<>();

  private SpaceLoader(YamlDoc doc) {
    this.doc = doc;
  }

  public static SearchSpace load(Path path) {
    return load(path, 0);
  }

  /** Loads a space; {@code ncOverride} > 0 replaces the file's nc. */
  public static SearchSpace load(Path path, int ncOverride) {
    return new SpaceLoader(YamlDoc.read(path)).parse(ncOverride);
  }

  private SearchSpace parse(int ncOverride) {
    Map<String, Node> top = doc.fields(doc.root(), "the file", TOP_KEYS);
    Node schema = top.get("schema");
    if (schema == null) throw doc.error(doc.root(), "schema is missing (expected schema: " + SCHEMA + ")");
    Object version = doc.value(schema, "schema");
    if (!Integer.valueOf(SCHEMA).equals(version)) {
      throw doc.error(schema, "schema " + version + " is not supported (this edgenas reads schema " + SCHEMA + ")");
    }
    String name = top.containsKey("name") ? doc.string(top.get("name"), "name") : fileStem();
    int nc = top.containsKey("nc") ? doc.integer(top.get("nc"), "nc", 1, 10_000) : 80;
    if (ncOverride > 0) nc = ncOverride;
    int imgsz = top.containsKey("imgsz") ? doc.integer(top.get("imgsz"), "imgsz", 32, 4096) : 640;
    if (imgsz % 32 != 0) throw doc.error(top.get("imgsz"), "imgsz must be a multiple of 32, was " + imgsz);
    Map<String, double[]> scales = parseScales(top.get("scales"));
    Setting scale = null;
    if (top.containsKey("scale")) {
      scale = setting(top.get("scale"), "scale", (n, what) -> {
        String s = doc.string(n, what);
        if (!scales.containsKey(s)) throw doc.error(n, what + " must be one of the scales " + scales.keySet() + ", was " + s);
        return s;
      });
    }
    Map<String, Setting[]> groups = parseGroups(top.get("groups"));
    Node layersNode = top.get("layers");
    if (layersNode == null) throw doc.error(doc.root(), "layers is missing (expected a list of layers)");
    List<LayerTemplate> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Node n : doc.sequence(layersNode, "layers")) {
      if (n instanceof MappingNode m && doc.mapping(m, "a layer").get("name") instanceof Node nameNode) {
        allNames.add(String.valueOf(doc.value(nameNode, "name")));
      }
    }
    String previous = org.edgenas.arch.Architecture.IMAGE;
    for (Node n : doc.sequence(layersNode, "layers")) {
      LayerTemplate t = parseLayer(n, previous, names, groups);
      layers.add(t);
      names.add(t.name());
      previous = t.name();
    }
    SearchSpace space = new SearchSpace(doc.file(), name, nc, imgsz, scales, scale, layers, groups, choices);
    checkBuilds(space, layers);
    return space;
  }

  private String fileStem() {
    String f = Path.of(doc.file()).getFileName().toString();
    return f.replaceFirst("\\.ya?ml$", "");
  }

  private Map<String, double[]> parseScales(Node node) {
    Map<String, double[]> out = new LinkedHashMap<>();
    if (node == null) return out;
    for (var e : doc.mapping(node, "scales").entrySet()) {
      List<Node> row = doc.sequence(e.getValue(), "scales." + e.getKey());
      if (row.size() != 3) throw doc.error(e.getValue(), "scales." + e.getKey() + " must be [depth, width, max_channels], was " + row.size() + " values");
      out.put(e.getKey(), new double[] {
          doc.number(row.get(0), "scales." + e.getKey() + ".depth", 0.01, 10),
          doc.number(row.get(1), "scales." + e.getKey() + ".width", 0.01, 10),
          doc.integer(row.get(2), "scales." + e.getKey() + ".max_channels", 8, 65536)});
    }
    return out;
  }

  private Map<String, Setting[]> parseGroups(Node node) {
    Map<String, Setting[]> out = new LinkedHashMap<>();
    if (node == null) return out;
    for (var e : doc.mapping(node, "groups").entrySet()) {
      String g = e.getKey();
      Map<String, Node> fields = doc.fields(e.getValue(), "groups." + g, List.of("prune", "bits"));
      out.put(g, new Setting[] {
          fields.containsKey("prune") ? setting(fields.get("prune"), g + ".prune", this::prune) : null,
          fields.containsKey("bits") ? setting(fields.get("bits"), g + ".bits", this::bits) : null});
    }
    return out;
  }

  private LayerTemplate parseLayer(Node node, String previous, Set<String> names, Map<String, Setting[]> groups) {
    Map<String, Node> f = doc.mapping(node, "a layer");
    if (!f.containsKey("name")) throw doc.error(node, "layer has no name (every layer needs a stable name:)");
    String name = doc.string(f.get("name"), "name");
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) throw doc.error(f.get("name"), "layer name must be an identifier, was '" + name + "'");
    if (names.contains(name)) throw doc.error(f.get("name"), "layer name " + name + " is used twice");
    if (!f.containsKey("block")) throw doc.error(node, name + ".block is missing (expected one of " + BlockKind.allNames() + ")");
    Setting block = setting(f.get("block"), name + ".block", (n, what) -> {
      String b = doc.string(n, what);
      if (BlockKind.byYamlName(b).isEmpty()) throw doc.error(n, what + " " + b + " is not a known block (expected one of " + BlockKind.allNames() + ")");
      return b;
    });
    List<BlockKind> kinds = block.values(choices).stream().map(b -> BlockKind.byYamlName((String) b).orElseThrow()).toList();
    List<String> from = parseFrom(f.get("from"), name, previous, names);
    Setting channels = f.containsKey("channels")
        ? setting(f.get("channels"), name + ".channels", (n, w) -> doc.integer(n, w, 1, 16384))
        : Setting.fixed(0, YamlDoc.line(node));
    Setting repeats = f.containsKey("repeats")
        ? setting(f.get("repeats"), name + ".repeats", (n, w) -> doc.integer(n, w, 1, 16))
        : Setting.fixed(1, YamlDoc.line(node));
    Setting prune = f.containsKey("prune") ? setting(f.get("prune"), name + ".prune", this::prune) : Setting.fixed(0.0, YamlDoc.line(node));
    Setting bits = f.containsKey("bits") ? setting(f.get("bits"), name + ".bits", this::bits) : Setting.fixed(32, YamlDoc.line(node));
    String group = null;
    if (f.containsKey("group")) {
      group = doc.string(f.get("group"), name + ".group");
      if (!groups.containsKey(group)) throw doc.error(f.get("group"), name + ".group " + group + " is not declared under groups:");
    }
    Setting enabled = Setting.fixed(true, YamlDoc.line(node));
    String bypass = from.getFirst();
    if (f.containsKey("optional")) {
      Node opt = f.get("optional");
      Object v = doc.value(opt, name + ".optional");
      if (kinds.contains(BlockKind.DETECT)) throw doc.error(opt, name + ".optional: a Detect head cannot be optional");
      if (f.containsKey("bypass")) {
        bypass = doc.string(f.get("bypass"), name + ".bypass");
        if (!from.contains(bypass)) throw doc.error(f.get("bypass"), name + ".bypass must be one of its inputs " + from + ", was " + bypass);
      } else if (from.size() != 1) {
        throw doc.error(opt, name + ".optional: a layer with several inputs must name the input that stands in for it (bypass:)");
      }
      if (v instanceof String label) {
        enabled = switches.computeIfAbsent(label, l -> {
          choices.add(new Choice(l, List.of(true, false), YamlDoc.line(opt)));
          return Setting.choice(choices.size() - 1, YamlDoc.line(opt));
        });
      } else if (Boolean.TRUE.equals(v)) {
        choices.add(new Choice(name + ".enabled", List.of(true, false), YamlDoc.line(opt)));
        enabled = Setting.choice(choices.size() - 1, YamlDoc.line(opt));
      } else if (!Boolean.FALSE.equals(v)) {
        throw doc.error(opt, name + ".optional must be true, false or the name of a shared switch, was " + v);
      }
    } else if (f.containsKey("bypass")) {
      throw doc.error(f.get("bypass"), name + ".bypass only applies to optional layers");
    }
    Map<String, Setting> args = new LinkedHashMap<>();
    for (var e : f.entrySet()) {
      if (LAYER_KEYS.contains(e.getKey())) continue;
      String arg = e.getKey();
      boolean known = kinds.stream().anyMatch(k -> Blocks.of(k).args().stream().anyMatch(a -> a.name().equals(arg)));
      if (!known) {
        throw doc.error(e.getValue(), name + "." + arg + " is not a field of a layer nor an argument of "
            + String.join(" or ", kinds.stream().map(BlockKind::yamlName).toList()));
      }
      args.put(arg, setting(e.getValue(), name + "." + arg, (n, what) -> {
        Object v = doc.value(n, what);
        Object typed = null;
        for (BlockKind k : kinds) {
          for (ArgSpec spec : Blocks.of(k).args()) {
            if (!spec.name().equals(arg)) continue;
            try {
              typed = spec.coerce(v);
            } catch (IllegalArgumentException ex) {
              throw doc.error(n, what + " " + ex.getMessage() + (kinds.size() > 1 ? " (for " + k.yamlName() + ")" : ""));
            }
          }
        }
        return typed;
      }));
    }
    return new LayerTemplate(name, YamlDoc.line(node), block, from, channels, repeats, args, prune, bits, group, enabled, bypass);
  }

  private List<String> parseFrom(Node node, String name, String previous, Set<String> names) {
    if (node == null) return List.of(previous);
    Object v = doc.value(node, name + ".from");
    List<String> from = new ArrayList<>();
    for (Object o : v instanceof List<?> l ? l : List.of(v)) {
      String s = String.valueOf(o);
      if (!names.contains(s) && !s.equals(org.edgenas.arch.Architecture.IMAGE)) {
        if (allNames.contains(s)) {
          throw doc.error(node, name + ".from names '" + s + "', which is listed later: layers take inputs only from"
              + " layers listed before them, so this is a cycle or a forward reference");
        }
        throw doc.error(node, name + ".from names '" + s + "', which is not a layer"
            + " (layers connect by name to layers listed before them; '" + org.edgenas.arch.Architecture.IMAGE + "' is the input)");
      }
      from.add(s);
    }
    if (from.isEmpty()) throw doc.error(node, name + ".from must name at least one layer");
    return from;
  }

  private Object prune(Node n, String what) {
    return doc.number(n, what, 0, 0.9);
  }

  private Object bits(Node n, String what) {
    int b = doc.integer(n, what, 1, 64);
    if (!Layer.BIT_WIDTHS.contains(b)) throw doc.error(n, what + " must be one of " + Layer.BIT_WIDTHS + ", was " + b);
    return b;
  }

  /** A value check for one option: returns the typed value or throws a located error. */
  private interface Check {
    Object apply(Node node, String what);
  }

  /** A fixed value, or {@code {choose: [...]}} registering a {@link Choice} labelled {@code what}. */
  private Setting setting(Node node, String what, Check check) {
    if (node instanceof MappingNode) {
      Map<String, Node> m = doc.fields(node, what, List.of("choose"));
      List<Node> options = doc.sequence(m.get("choose"), what + ".choose");
      if (options.isEmpty()) throw doc.error(node, what + ".choose must list at least one option");
      List<Object> values = new ArrayList<>();
      for (Node o : options) {
        Object v = check.apply(o, what);
        if (values.contains(v)) throw doc.error(o, what + ".choose lists " + v + " twice");
        values.add(v);
      }
      choices.add(new Choice(what, values, YamlDoc.line(node)));
      return Setting.choice(choices.size() - 1, YamlDoc.line(node));
    }
    return Setting.fixed(check.apply(node, what), YamlDoc.line(node));
  }

  /** Builds the default architecture and a seeded sample; a failure names the layer's line. */
  private void checkBuilds(SearchSpace space, List<LayerTemplate> layers) {
    SplittableRandom random = new SplittableRandom(0);
    int samples = space.choices().isEmpty() ? 1 : 25;
    for (int i = 0; i < samples; i++) {
      int[] picks = i == 0 ? space.defaultPicks() : space.samplePicks(random);
      try {
        space.freeze(picks).lower();
      } catch (ArchitectureException e) {
        String suffix = space.choices().isEmpty() ? "" : " (with " + describe(space, picks) + ")";
        throw BadInputException.at(doc.file(), e.line(), e.getMessage() + suffix);
      } catch (IllegalArgumentException e) {
        throw BadInputException.at(doc.file(), 0, e.getMessage());
      }
    }
  }

  static String describe(SearchSpace space, int[] picks) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < picks.length; i++) {
      parts.add(space.choices().get(i).label() + "=" + space.choices().get(i).options().get(picks[i]));
    }
    return String.join(", ", parts);
  }
}
