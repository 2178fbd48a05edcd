package org.edgenas.metrics;

import java.util.Objects;

/** One detection: the image and category it belongs to, its box in image pixels, its score. */
public record Detection(long imageId, int categoryId, Box box, double score) {
  public Detection {
    Objects.requireNonNull(box, "box");
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("detection score must be finite, was " + score);
    }
  }
}
