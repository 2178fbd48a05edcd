package org.edgenas.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A batch of letterboxed images: {@code pixels} is float [count, 3, size, size] (RGB, 0..1,
 * channel-major per image), and per image its targets in canvas pixels.
 */
public record ImageBatch(int size, float[] pixels, List<Targets> targets) {
  /**
   * One image's targets: {@code xyxy} holds {x1, y1, x2, y2} per box in canvas pixels (clipped to
   * the canvas), {@code classIds} one class per box; plus how the image was placed.
   */
  public record Targets(Path image, Letterbox letterbox, boolean flipped, float[] xyxy, int[] classIds) {
    public Targets {
      if (xyxy.length != 4 * classIds.length) {
        throw new IllegalArgumentException("xyxy needs 4 values per box: " + xyxy.length + " for " + classIds.length + " boxes");
      }
    }

    public int boxCount() {
      return classIds.length;
    }
  }

  public ImageBatch {
    targets = List.copyOf(targets);
    if (pixels.length != (long) targets.size() * 3 * size * size) {
      throw new IllegalArgumentException("pixels length " + pixels.length + " is not " + targets.size() + "x3x" + size + "x" + size);
    }
  }

  /** The number of images. */
  public int count() {
    return targets.size();
  }

  /** The tensor shape {count, 3, size, size}. */
  public long[] shape() {
    return new long[] {count(), 3, size, size};
  }
}
