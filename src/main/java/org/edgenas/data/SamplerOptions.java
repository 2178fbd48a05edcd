package org.edgenas.data;

import java.util.Objects;

/**
 * How {@link BatchSampler} makes batches: canvas size, batch size, shuffling per epoch, whether a
 * last short batch is dropped, augmentation, and the seed everything random derives from.
 */
public record SamplerOptions(int imageSize, int batchSize, boolean shuffle, boolean dropLast, Augmentation augmentation, long seed) {
  public SamplerOptions {
    if (imageSize < 8 || imageSize > 4096) throw new IllegalArgumentException("imageSize must be 8..4096, was " + imageSize);
    if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    Objects.requireNonNull(augmentation, "augmentation");
  }

  /** Training: shuffled, last short batch dropped, light augmentation. */
  public static SamplerOptions training(int imageSize, int batchSize, long seed) {
    return new SamplerOptions(imageSize, batchSize, true, true, Augmentation.LIGHT, seed);
  }

  /** Evaluation: in order, every image, no augmentation. */
  public static SamplerOptions evaluation(int imageSize, int batchSize) {
    return new SamplerOptions(imageSize, batchSize, false, false, Augmentation.NONE, 0);
  }
}
