package org.edgenas.space;

import java.util.List;

/** A field of a space file: either a fixed value or the index of a {@link Choice}. */
record Setting(Object fixed, int choice, int line) {
  static Setting fixed(Object value, int line) {
    return new Setting(value, -1, line);
  }

  static Setting choice(int index, int line) {
    return new Setting(null, index, line);
  }

  boolean isChoice() {
    return choice >= 0;
  }

  Object resolve(List<Choice> choices, int[] picks) {
    return isChoice() ? choices.get(choice).options().get(picks[choice]) : fixed;
  }

  /** Every value the setting can take. */
  List<Object> values(List<Choice> choices) {
    return isChoice() ? choices.get(choice).options() : java.util.Collections.singletonList(fixed);
  }
}
