package org.edgenas.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** One image of a dataset split with its size in pixels and its boxes (none for a background). */
public record LabeledImage(Path path, int width, int height, List<LabelBox> boxes) {
  public LabeledImage {
    Objects.requireNonNull(path, "path");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(path + ": image size must be positive, was " + width + "x" + height);
    }
    boxes = List.copyOf(boxes);
  }
}
