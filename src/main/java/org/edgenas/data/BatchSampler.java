package org.edgenas.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Turns a list of {@link LabeledImage}s into {@link ImageBatch}es of letterboxed float pixels and
 * canvas-pixel targets. The order of each epoch and every augmentation draw derive from (seed,
 * epoch, position) only, so {@code batch(e, i)} is the same whenever it is asked for — a resumed
 * run sees the same batches. Decoded images come from an {@link ImageCache}.
 */
public final class BatchSampler {
  /** A box whose canvas part is narrower or lower than this (pixels) after cropping is dropped. */
  static final double MIN_SIDE = 2;
  /** A box keeping less than this share of its area after cropping is dropped. */
  static final double MIN_KEPT_AREA = 0.2;

  private final List<LabeledImage> images;
  private final SamplerOptions options;
  private final ImageCache cache;

  public BatchSampler(List<LabeledImage> images, SamplerOptions options, ImageCache cache) {
    if (images.isEmpty()) throw new IllegalArgumentException("a batch sampler needs at least one image");
    this.images = List.copyOf(images);
    this.options = options;
    this.cache = cache;
  }

  public SamplerOptions options() {
    return options;
  }

  /** Batches in one epoch (a short last batch counts unless dropped; at least 1). */
  public int batchesPerEpoch() {
    int b = options.batchSize();
    int n = options.dropLast() ? images.size() / b : (images.size() + b - 1) / b;
    return Math.max(1, n);
  }

  /** The image order of an epoch: a seeded permutation, or the list order without shuffling. */
  public int[] order(int epoch) {
    int[] order = IntStream.range(0, images.size()).toArray();
    if (!options.shuffle()) return order;
    SplittableRandom rng = new SplittableRandom(mix(options.seed(), epoch, -1));
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** Batch {@code index} of {@code epoch}. */
  public ImageBatch batch(int epoch, int index) {
    if (index < 0 || index >= batchesPerEpoch()) {
      throw new IndexOutOfBoundsException("batch index must be 0.." + (batchesPerEpoch() - 1) + ", was " + index);
    }
    int[] order = order(epoch);
    int from = index * options.batchSize();
    int count = Math.min(options.batchSize(), order.length - from);
    int s = options.imageSize();
    float[] pixels = new float[count * 3 * s * s];
    ImageBatch.Targets[] targets = new ImageBatch.Targets[count];
    IntStream.range(0, count).parallel().forEach(k -> {
      SplittableRandom rng = new SplittableRandom(mix(options.seed(), epoch, from + k));
      targets[k] = place(images.get(order[from + k]), rng, pixels, k * 3 * s * s);
    });
    return new ImageBatch(s, pixels, List.of(targets));
  }

  /** All batches of an epoch, in order. */
  public Iterable<ImageBatch> epoch(int epoch) {
    return () -> new Iterator<>() {
      private int next = 0;

      @Override
      public boolean hasNext() {
        return next < batchesPerEpoch();
      }

      @Override
      public ImageBatch next() {
        if (!hasNext()) throw new NoSuchElementException();
        return batch(epoch, next++);
      }
    };
  }

  private ImageBatch.Targets place(LabeledImage image, SplittableRandom rng, float[] pixels, int offset) {
    ImageCache.Decoded decoded = cache.get(image.path());
    Augmentation aug = options.augmentation();
    int s = options.imageSize();
    Letterbox lb = Letterbox.fit(decoded.width(), decoded.height(), s);
    if (aug.scale()) {
      double factor = Augmentation.MIN_SCALE + rng.nextDouble() * (Augmentation.MAX_SCALE - Augmentation.MIN_SCALE);
      lb = lb.rescaled(factor, rng.nextDouble(), rng.nextDouble());
    }
    boolean flip = aug.flip() && rng.nextBoolean();
    ColourJitter jitter = aug.colour() ? ColourJitter.random(rng) : ColourJitter.NONE;
    LetterboxPainter.paint(lb, decoded.rgb(), flip, pixels, offset, jitter);
    List<float[]> kept = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    for (LabelBox box : image.boxes()) {
      double[] b = lb.toCanvas(box);
      double area = (b[2] - b[0]) * (b[3] - b[1]);
      double x1 = clamp(b[0], s), y1 = clamp(b[1], s), x2 = clamp(b[2], s), y2 = clamp(b[3], s);
      if (x2 - x1 < MIN_SIDE || y2 - y1 < MIN_SIDE || (x2 - x1) * (y2 - y1) < MIN_KEPT_AREA * area) continue;
      kept.add(flip ? new float[] {(float) (s - x2), (float) y1, (float) (s - x1), (float) y2}
          : new float[] {(float) x1, (float) y1, (float) x2, (float) y2});
      classes.add(box.classId());
    }
    float[] xyxy = new float[4 * kept.size()];
    for (int i = 0; i < kept.size(); i++) System.arraycopy(kept.get(i), 0, xyxy, 4 * i, 4);
    return new ImageBatch.Targets(image.path(), lb, flip, xyxy, classes.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double clamp(double v, int s) {
    return Math.max(0, Math.min(s, v));
  }

  /** A well-mixed 64-bit seed from (seed, epoch, position). */
  static long mix(long seed, long epoch, long position) {
    long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + position * 0x165667B19E3779F9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
