package org.edgenas.results;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;

/**
 * Writes one architecture as a space file (schema 1) without choices: absolute channels, no
 * scale table, every layer with its inputs, repeats, block arguments, pruning ratio and bit
 * width. {@code SpaceLoader.load(file).freeze(defaultPicks())} gives back an architecture with the
 * same {@link Architecture#hash()}. The provenance goes in comments.
 */
public final class SpaceWriter {
  private static final List<String> YAML_WORDS = List.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");

  private SpaceWriter() {}

  public static String toYaml(Architecture arch) {
    StringBuilder sb = new StringBuilder();
    sb.append("# ").append(arch.name()).append(' ').append(arch.hash())
        .append(": one architecture written by edgenas (every layer fixed; absolute channels, no scale table)\n");
    new TreeMap<>(arch.provenance()).forEach((k, v) -> sb.append("#   ").append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
    sb.append("schema: 1\n");
    sb.append("name: ").append(scalar(arch.name())).append('\n');
    sb.append("nc: ").append(arch.nc()).append('\n');
    sb.append("imgsz: ").append(arch.imgsz()).append('\n');
    sb.append("layers:\n");
    for (Layer l : arch.layers()) {
      sb.append("  - {name: ").append(l.name());
      sb.append(", block: ").append(l.kind().yamlName());
      sb.append(", from: [").append(String.join(", ", l.from())).append(']');
      if (l.channels() != 0) sb.append(", channels: ").append(l.channels());
      if (l.repeats() != 1) sb.append(", repeats: ").append(l.repeats());
      for (Map.Entry<String, Object> a : l.args().values().entrySet()) {
        sb.append(", ").append(a.getKey()).append(": ").append(value(a.getValue()));
      }
      sb.append(", prune: ").append(number(l.prune()));
      sb.append(", bits: ").append(l.bits()).append("}\n");
    }
    return sb.toString();
  }

  private static String value(Object v) {
    return switch (v) {
      case Double d -> number(d);
      case Integer i -> i.toString();
      case Boolean b -> b.toString();
      case List<?> list -> "[" + String.join(", ", list.stream().map(SpaceWriter::value).toList()) + "]";
      default -> scalar(String.valueOf(v));
    };
  }

  /** A double as YAML reads back a float: plain digits with a decimal point, never an exponent. */
  static String number(double d) {
    String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /** A word plain when YAML reads it back as the same string, else double-quoted. */
  static String scalar(String s) {
    boolean plain = s.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") && !YAML_WORDS.contains(s.toLowerCase(java.util.Locale.ROOT));
    if (plain) return s;
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
