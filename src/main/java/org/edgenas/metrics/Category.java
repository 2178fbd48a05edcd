package org.edgenas.metrics;

import java.util.Objects;

/** A COCO category: its id and name. */
public record Category(int id, String name) {
  public Category {
    Objects.requireNonNull(name, "name");
  }
}
