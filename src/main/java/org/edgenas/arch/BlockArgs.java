package org.edgenas.arch;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The typed arguments of one layer's block, sorted by name; missing ones take the block default. */
public record BlockArgs(Map<String, Object> values) {
  public static final BlockArgs NONE = new BlockArgs(Map.of());

  public BlockArgs {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public int intArg(BlockType type, String name) {
    return (Integer) get(type, name);
  }

  public double doubleArg(BlockType type, String name) {
    return ((Number) get(type, name)).doubleValue();
  }

  public boolean boolArg(BlockType type, String name) {
    return (Boolean) get(type, name);
  }

  public String wordArg(BlockType type, String name) {
    return (String) get(type, name);
  }

  @SuppressWarnings("unchecked")
  public List<Integer> intListArg(BlockType type, String name) {
    return (List<Integer>) get(type, name);
  }

  private Object get(BlockType type, String name) {
    Object v = values.get(name);
    if (v != null) return v;
    return type.args().stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(type.kind().yamlName() + " has no argument " + name))
        .defaultValue();
  }

  /** Canonical text for hashing: name=value pairs in name order. */
  public String canonical() {
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
    return sb.toString();
  }
}
