package org.edgenas.space;

import java.util.List;

/**
 * One decision of a search space with a stable label ({@code s2.block}, {@code backbone.prune},
 * {@code width}) that survives in checkpoints, and its options in the order the file lists them.
 */
public record Choice(String label, List<Object> options, int line) {
  public Choice {
    options = List.copyOf(options);
    if (options.isEmpty()) throw new IllegalArgumentException(label + " offers no options");
  }

  public int size() {
    return options.size();
  }
}
