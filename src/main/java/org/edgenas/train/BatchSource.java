package org.edgenas.train;

import java.util.SplittableRandom;

/** Where the trainer gets its batches (the data package's loader, or a test's synthetic one). */
public interface BatchSource {
  /** Square input size S of every batch. */
  int imgsz();

  /** How many training images the source draws from (after any subset), for epochs → steps. */
  int images();

  /** The next batch of {@code batch} images, drawn and augmented with {@code random}. */
  TrainingBatch next(int batch, SplittableRandom random);

  /**
   * Positions the source as if {@code batches} batches had been drawn from a fresh one (a resumed
   * training draws what the uninterrupted one drew). The default draws and drops them.
   */
  default void skip(int batches, int batch) {
    SplittableRandom random = new SplittableRandom(0);
    for (int i = 0; i < batches; i++) next(batch, random);
  }
}
