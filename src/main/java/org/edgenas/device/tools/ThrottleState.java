package org.edgenas.device.tools;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Raspberry Pi {@code vcgencmd get_throttled}: bits 0..3 say what is happening now, bits 16..19
 * what has happened since boot.
 */
public record ThrottleState(int bits) {
  private static final Pattern LINE = Pattern.compile("throttled=0x([0-9a-fA-F]+)");

  /** The four conditions; each has a "now" bit and a "has occurred" bit 16 higher. */
  public enum Flag {
    UNDER_VOLTAGE(0, "under-voltage"),
    ARM_FREQUENCY_CAPPED(1, "Arm frequency capped"),
    THROTTLED(2, "throttled"),
    SOFT_TEMPERATURE_LIMIT(3, "soft temperature limit");

    private final int bit;
    private final String label;

    Flag(int bit, String label) {
      this.bit = bit;
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static ThrottleState parse(String output) {
    Matcher m = LINE.matcher(output == null ? "" : output);
    if (!m.find()) throw new DeviceOutputException("vcgencmd get_throttled", "no 'throttled=0x...' line", output);
    return new ThrottleState((int) Long.parseLong(m.group(1), 16));
  }

  /** Conditions active right now. */
  public Set<Flag> current() {
    return flags(0);
  }

  /** Conditions that occurred since boot. */
  public Set<Flag> occurred() {
    return flags(16);
  }

  /** True when any condition is active now (a measurement taken now is suspect). */
  public boolean currentlyLimited() {
    return !current().isEmpty();
  }

  /** E.g. "now: under-voltage, throttled; since boot: under-voltage, throttled" or "ok". */
  public String describe() {
    if (bits == 0) return "ok";
    return "now: " + names(current()) + "; since boot: " + names(occurred());
  }

  private Set<Flag> flags(int shift) {
    Set<Flag> set = EnumSet.noneOf(Flag.class);
    for (Flag f : Flag.values()) {
      if ((bits & (1 << (f.bit + shift))) != 0) set.add(f);
    }
    return set;
  }

  private static String names(Set<Flag> flags) {
    return flags.isEmpty() ? "none" : String.join(", ", flags.stream().map(Flag::label).toList());
  }
}
