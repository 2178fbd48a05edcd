package org.edgenas.data;

import java.util.List;

/** Counts for one split: images, label files found, good boxes, and good boxes per class. */
public record SplitStats(String split, int images, int labelFiles, int boxes, List<Integer> perClass) {
  public SplitStats {
    perClass = List.copyOf(perClass);
  }
}
