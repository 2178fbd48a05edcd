package org.edgenas.arch;

import java.util.List;

/**
 * One declared argument of a block kind: its name, type, default and allowed values.
 *
 * @param allowed for INT and DOUBLE a two-element inclusive range, for STRING the allowed words;
 *     empty when anything of the type goes
 */
public record ArgSpec(String name, Type type, Object defaultValue, List<Object> allowed) {
  /** The value types a block argument may have. */
  public enum Type {
    INT,
    DOUBLE,
    BOOL,
    STRING,
    INT_LIST
  }

  public static ArgSpec ofInt(String name, int def, int min, int max) {
    return new ArgSpec(name, Type.INT, def, List.of(min, max));
  }

  public static ArgSpec ofDouble(String name, double def, double min, double max) {
    return new ArgSpec(name, Type.DOUBLE, def, List.of(min, max));
  }

  public static ArgSpec ofBool(String name, boolean def) {
    return new ArgSpec(name, Type.BOOL, def, List.of());
  }

  public static ArgSpec ofWord(String name, String def, String... words) {
    return new ArgSpec(name, Type.STRING, def, List.of((Object[]) words));
  }

  public static ArgSpec ofIntList(String name, List<Integer> def) {
    return new ArgSpec(name, Type.INT_LIST, def, List.of());
  }

  /**
   * Converts and checks a raw value (from YAML); returns the typed value or throws
   * IllegalArgumentException with a message "must be ..., was ...".
   */
  public Object coerce(Object raw) {
    switch (type) {
      case INT -> {
        if (!(raw instanceof Integer i)) throw new IllegalArgumentException("must be an integer, was " + raw);
        int lo = (Integer) allowed.get(0), hi = (Integer) allowed.get(1);
        if (i < lo || i > hi) throw new IllegalArgumentException("must be " + lo + ".." + hi + ", was " + i);
        return i;
      }
      case DOUBLE -> {
        if (!(raw instanceof Number n)) throw new IllegalArgumentException("must be a number, was " + raw);
        double d = n.doubleValue(), lo = (Double) allowed.get(0), hi = (Double) allowed.get(1);
        if (!(d >= lo && d <= hi)) throw new IllegalArgumentException("must be " + lo + ".." + hi + ", was " + raw);
        return d;
      }
      case BOOL -> {
        if (!(raw instanceof Boolean b)) throw new IllegalArgumentException("must be true or false, was " + raw);
        return b;
      }
      case STRING -> {
        String s = String.valueOf(raw);
        if (!allowed.isEmpty() && !allowed.contains(s)) {
          throw new IllegalArgumentException("must be one of " + allowed + ", was " + raw);
        }
        return s;
      }
      case INT_LIST -> {
        if (!(raw instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(Integer.class::isInstance)) {
          throw new IllegalArgumentException("must be a list of integers, was " + raw);
        }
        return List.copyOf(list.stream().map(Integer.class::cast).toList());
      }
    }
    throw new AssertionError(type);
  }
}
