package org.edgenas.device;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.edgenas.common.BadInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads and writes one device file (schema 1). Reading validates eagerly and reports
 * {@code file:line: field ...} through {@link BadInputException}.
 */
public final class DeviceYaml {
  public static final int SCHEMA = 1;
  private static final Set<String> FIELDS = Set.of(
      "schema", "name", "host", "port", "user", "key", "host_key", "runtime", "threads", "workdir",
      "cooldown_s", "timeouts", "java");
  private static final java.util.List<String> REQUIRED =
      java.util.List.of("name", "host", "user", "key", "host_key", "runtime");
  private static final Set<String> TIMEOUT_FIELDS = Set.of("connect_s", "command_s", "upload_s");
  /** Key material pasted where a path belongs: PEM armour, or a long run of base64. */
  private static final Pattern KEY_CONTENT =
      Pattern.compile("(?s).*(-----BEGIN|PRIVATE KEY|\\n).*|[A-Za-z0-9+/=]{60,}");

  private DeviceYaml() {}

  /** Parses {@code text} read from {@code file}; the name must equal the file's stem. */
  public static Device parse(String text, Path file) {
    String where = file.toString();
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
    } catch (YAMLException e) {
      throw new BadInputException(where + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    Map<String, NodeTuple> fields = mapping(root, where, "", FIELDS);
    Fields f = new Fields(fields, where, root);
    int schema = f.integer("schema", -1);
    if (schema != SCHEMA) {
      throw f.error("schema", "schema must be " + SCHEMA + " (the only version this edgenas reads), was "
          + (schema == -1 ? "missing" : schema));
    }
    for (String required : REQUIRED) {
      if (!f.has(required)) throw f.error(null, "missing field '" + required + "' (see devices/README.md)");
    }
    String name = f.text("name", null);
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    if (name != null && !name.equals(stem)) {
      throw f.error("name", "name must equal the file name '" + stem + "', was '" + name + "'");
    }
    String key = f.text("key", null);
    if (key != null && KEY_CONTENT.matcher(key).matches()) {
      throw f.error("key", "key must be the path of a private key file, not the key itself"
          + " (never put secrets in device files)");
    }
    DeviceTimeouts timeouts = DeviceTimeouts.DEFAULT;
    if (fields.containsKey("timeouts")) {
      Node tNode = fields.get("timeouts").getValueNode();
      Fields t = new Fields(mapping(tNode, where, "timeouts.", TIMEOUT_FIELDS), where, tNode);
      DeviceTimeouts d = DeviceTimeouts.DEFAULT;
      timeouts = f.build("timeouts", () -> new DeviceTimeouts(
          t.seconds("connect_s", d.connect()), t.seconds("command_s", d.command()),
          t.seconds("upload_s", d.upload())));
    }
    DeviceTimeouts finalTimeouts = timeouts;
    PinnedHostKey hostKey = f.has("host_key")
        ? f.build("host_key", () -> PinnedHostKey.parse(f.text("host_key", null))) : null;
    DeviceRuntime runtime = f.has("runtime")
        ? f.build("runtime", () -> DeviceRuntime.parse(f.text("runtime", null))) : null;
    return f.build(null, () -> new Device(
        name, f.text("host", null), f.integer("port", 22), f.text("user", null), key, hostKey, runtime,
        f.integer("threads", 0), f.text("workdir", Device.DEFAULT_WORKDIR), f.integer("cooldown_s", 0),
        finalTimeouts, file, f.text("java", Device.DEFAULT_JAVA)));
  }

  /** The device file text for {@code d} (schema 1). */
  public static String write(Device d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", SCHEMA);
    m.put("name", d.name());
    m.put("host", d.host());
    m.put("port", d.port());
    m.put("user", d.user());
    m.put("key", d.key());
    m.put("host_key", d.hostKey().toYamlValue());
    m.put("runtime", d.runtime().id());
    m.put("threads", d.threads());
    m.put("workdir", d.workdir());
    m.put("cooldown_s", d.cooldownSeconds());
    if (!d.java().equals(Device.DEFAULT_JAVA)) m.put("java", d.java());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("connect_s", d.timeouts().connect().toSeconds());
    t.put("command_s", d.timeouts().command().toSeconds());
    t.put("upload_s", d.timeouts().upload().toSeconds());
    m.put("timeouts", t);
    DumperOptions opts = new DumperOptions();
    opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    opts.setWidth(1000);
    return "# edgenas device file (see devices/README.md)\n" + new Yaml(opts).dump(m);
  }

  private static Map<String, NodeTuple> mapping(Node node, String where, String prefix, Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      int line = node == null ? 0 : node.getStartMark().getLine() + 1;
      throw BadInputException.at(where, line, (prefix.isEmpty() ? "the file" : prefix.replace(".", ""))
          + " must be a mapping of fields");
    }
    Map<String, NodeTuple> out = new HashMap<>();
    for (NodeTuple t : map.getValue()) {
      int line = t.getKeyNode().getStartMark().getLine() + 1;
      String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      if (!allowed.contains(key)) {
        throw BadInputException.at(where, line, "unknown field '" + prefix + key + "'; allowed: "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (out.put(key, t) != null) throw BadInputException.at(where, line, "field '" + prefix + key + "' appears twice");
    }
    return out;
  }

  /** Typed access to the fields of one mapping, with line numbers for messages. */
  private record Fields(Map<String, NodeTuple> fields, String where, Node owner) {
    boolean has(String key) {
      return fields.containsKey(key);
    }

    int line(String key) {
      NodeTuple t = key == null ? null : fields.get(key);
      return (t != null ? t.getValueNode() : owner).getStartMark().getLine() + 1;
    }

    BadInputException error(String key, String message) {
      return BadInputException.at(where, line(key), message);
    }

    String text(String key, String fallback) {
      NodeTuple t = fields.get(key);
      if (t == null) return fallback;
      if (!(t.getValueNode() instanceof ScalarNode s)) throw error(key, key + " must be a single value");
      return s.getValue();
    }

    int integer(String key, int fallback) {
      String v = text(key, null);
      if (v == null) return fallback;
      try {
        return Integer.parseInt(v.strip());
      } catch (NumberFormatException e) {
        throw error(key, key + " must be a whole number, was '" + v + "'");
      }
    }

    Duration seconds(String key, Duration fallback) {
      return fields.containsKey(key) ? Duration.ofSeconds(integer(key, 0)) : fallback;
    }

    /** Runs a validating constructor; its IllegalArgumentException becomes file:line: message. */
    <T> T build(String key, java.util.function.Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (IllegalArgumentException e) {
        String msg = e.getMessage();
        String field = key != null ? key : fieldNamedIn(msg);
        return throwAt(field, msg);
      }
    }

    private <T> T throwAt(String field, String msg) {
      throw error(field != null && fields.containsKey(field) ? field : null, msg);
    }

    private String fieldNamedIn(String msg) {
      for (String f : fields.keySet()) {
        if (msg.startsWith(f + " ")) return f;
      }
      return null;
    }
  }
}
