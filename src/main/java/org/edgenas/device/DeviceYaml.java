package org.edgenas.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and writes one device file (schema 1). Reading validates eagerly and reports
 * {@code file:line: field ...} through {@link BadInputException}.
 */
public final class DeviceYaml {
  public static final int SCHEMA = 1;
  /** The keys of a device file; a new key is added here and read in {@link #parse}. */
  public static final List<String> FIELDS = List.of(
      "schema", "name", "host", "port", "user", "key", "host_key", "runtime", "threads", "workdir",
      "cooldown_s", "timeouts", "java");
  private static final List<String> REQUIRED =
      List.of("name", "host", "user", "key", "host_key", "runtime");
  public static final List<String> TIMEOUT_FIELDS = List.of("connect_s", "command_s", "upload_s");
  /** Key material pasted where a path belongs: PEM armour, or a long run of base64. */
  private static final Pattern KEY_CONTENT =
      Pattern.compile("(?s).*(-----BEGIN|PRIVATE KEY|\\n).*|[A-Za-z0-9+/=]{60,}");

  private DeviceYaml() {}

  /** Parses {@code text} read from {@code file}; the name must equal the file's stem. */
  public static Device parse(String text, Path file) {
    YamlDoc doc = YamlDoc.parse(text, file.toString());
    Node root = doc.root();
    Map<String, Node> fields = doc.fields(root, "the file", FIELDS);
    Fields f = new Fields(doc, fields, root);
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
      Node tNode = fields.get("timeouts");
      Fields t = new Fields(doc, doc.fields(tNode, "timeouts", TIMEOUT_FIELDS), tNode);
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

  /** Typed access to the fields of one mapping, with line numbers for messages. */
  private record Fields(YamlDoc doc, Map<String, Node> fields, Node owner) {
    boolean has(String key) {
      return fields.containsKey(key);
    }

    BadInputException error(String key, String message) {
      Node n = key == null ? null : fields.get(key);
      return doc.error(n != null ? n : owner, message);
    }

    String text(String key, String fallback) {
      Node n = fields.get(key);
      return n == null ? fallback : doc.text(n, key);
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
