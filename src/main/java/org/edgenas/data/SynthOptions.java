package org.edgenas.data;

/**
 * Settings of the built-in synthetic dataset: classes (1..8), train and val image counts, square
 * image size in pixels and the seed. The same options always give byte-identical files.
 */
public record SynthOptions(int classes, int train, int val, int imageSize, long seed) {
  public static final int MAX_CLASSES = SynthShape.values().length;

  public SynthOptions {
    check("classes", classes, 1, MAX_CLASSES);
    check("train", train, 1, 1_000_000);
    check("val", val, 1, 1_000_000);
    check("imgsz", imageSize, 32, 2048);
  }

  /** The defaults: 4 classes, 256 train and 64 val images of 160×160, seed 0. */
  public static SynthOptions defaults() {
    return new SynthOptions(4, 256, 64, 160, 0);
  }

  /** A folder name that identifies these options and the generator version, for caches. */
  public String cacheKey() {
    return "synthetic-" + SyntheticDataset.VERSION + "-c" + classes + "-t" + train + "-v" + val + "-s" + imageSize + "-seed" + seed;
  }

  private static void check(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException("synthetic dataset " + field + " must be " + min + ".." + max + ", was " + value);
    }
  }
}
