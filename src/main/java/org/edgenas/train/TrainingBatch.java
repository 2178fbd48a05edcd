package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One training batch: letterboxed images [B, 3, S, S] (RGB, 0..1, row-major) and per image its
 * boxes {x1, y1, x2, y2, class} in input pixels.
 */
public record TrainingBatch(int imgsz, float[] images, List<List<float[]>> boxes) {
  public TrainingBatch {
    boxes = boxes.stream().map(List::copyOf).toList();
    long want = (long) boxes.size() * 3 * imgsz * imgsz;
    if (boxes.isEmpty() || images.length != want) {
      throw new IllegalArgumentException("a batch of " + boxes.size() + " images at " + imgsz + " needs " + want
          + " pixel values, got " + images.length);
    }
    for (List<float[]> image : boxes) {
      for (float[] b : image) {
        if (b.length != 5 || !(b[2] > b[0]) || !(b[3] > b[1]) || b[4] < 0) {
          throw new IllegalArgumentException("a box is {x1, y1, x2, y2, class} with x2 > x1 and y2 > y1, was "
              + java.util.Arrays.toString(b));
        }
      }
    }
  }

  public int size() {
    return boxes.size();
  }

  /** The images as an NCHW array owned by {@code manager}. */
  public NDArray imagesOn(NDManager manager) {
    return TorchArrays.copyOf(manager, images, new Shape(size(), 3, imgsz, imgsz));
  }
}
