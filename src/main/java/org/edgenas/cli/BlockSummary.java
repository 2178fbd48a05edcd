package org.edgenas.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;

/**
 * An architecture in one short line, from what its space's choices decided: the layers a choice
 * touched, in network order ({@code ADown>DSConv(24)>C3k2x2}: block, {@code xN} chosen repeats,
 * {@code (C)} chosen channels, {@code /p0.5} {@code /8b} chosen pruning and bit width), then the
 * choices that belong to no single layer ({@code body:p0.5/8b}, {@code scale=n}, {@code -se2} for a
 * left-out optional layer). An architecture without choices (a reference file) is its name.
 */
final class BlockSummary {
  private static final String CHOICE = "choice.";

  private BlockSummary() {}

  static String of(Architecture arch) {
    Map<String, String> chosen = new LinkedHashMap<>();
    arch.provenance().forEach((k, v) -> { if (k.startsWith(CHOICE)) chosen.put(k.substring(CHOICE.length()), v); });
    if (chosen.isEmpty()) return arch.name();
    Set<String> used = new HashSet<>();
    List<String> layers = new ArrayList<>();
    for (Layer l : arch.layers()) {
      String prefix = l.name() + ".";
      List<String> fields = chosen.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
      if (fields.isEmpty()) continue;
      fields.forEach(f -> used.add(prefix + f));
      layers.add(layer(l, fields, chosen, prefix));
    }
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (var e : chosen.entrySet()) {
      if (used.contains(e.getKey())) continue;
      String label = e.getKey();
      int dot = label.lastIndexOf('.');
      String owner = dot < 0 ? label : label.substring(0, dot);
      String field = dot < 0 ? "" : label.substring(dot + 1);
      String value = number(e.getValue());
      if (field.equals("enabled") || value.equals("true") || value.equals("false")) {
        if (value.equals("false")) others.computeIfAbsent("-" + owner, k -> new ArrayList<>());
      } else if (field.isEmpty()) {
        others.computeIfAbsent(owner + "=" + value, k -> new ArrayList<>());
      } else {
        others.computeIfAbsent(owner, k -> new ArrayList<>()).add(setting(field, value));
      }
    }
    StringBuilder s = new StringBuilder(String.join(">", layers));
    others.forEach((owner, settings) -> {
      if (!s.isEmpty()) s.append(' ');
      s.append(owner);
      if (!settings.isEmpty()) s.append(':').append(String.join("/", settings));
    });
    return s.toString();
  }

  private static String layer(Layer l, List<String> fields, Map<String, String> chosen, String prefix) {
    StringBuilder s = new StringBuilder(l.kind().yamlName());
    if (fields.contains("repeats")) s.append('x').append(l.repeats());
    if (fields.contains("channels")) s.append('(').append(l.channels()).append(')');
    for (String f : fields) {
      if (List.of("block", "repeats", "channels", "enabled").contains(f)) continue;
      s.append('/').append(setting(f, number(chosen.get(prefix + f))));
    }
    return s.toString();
  }

  private static String setting(String field, String value) {
    return switch (field) {
      case "prune" -> "p" + value;
      case "bits" -> value + "b";
      default -> field + "=" + value;
    };
  }

  /** {@code 0.50} and {@code 8.0} as {@code 0.5} and {@code 8}; anything else as given. */
  private static String number(String value) {
    try {
      java.math.BigDecimal d = new java.math.BigDecimal(value).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
