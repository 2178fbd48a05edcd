package org.edgenas.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.data.Augmentation;
import org.edgenas.data.BatchSampler;
import org.edgenas.data.ImageBatch;
import org.edgenas.data.ImageCache;
import org.edgenas.data.LabeledImage;
import org.edgenas.data.SamplerOptions;
import org.edgenas.train.BatchSource;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.TrainingBatch;

/**
 * Feeds the proxy trainer from a YOLO dataset: the profile's subset of the training images
 * (a seeded choice), letterboxed to the profile's size, with its light augmentation, in seeded
 * epochs that run on as long as the trainer asks.
 */
public final class DatasetBatchSource implements BatchSource {
  private final BatchSampler sampler;
  private final int images;
  private int epoch;
  private int index;

  public DatasetBatchSource(List<LabeledImage> train, ProxySettings profile, ImageCache cache) {
    List<LabeledImage> subset = subset(train, profile.subsetImages(train.size()), profile.seed());
    ProxySettings.Augment a = profile.augment();
    Augmentation augmentation = new Augmentation(a.flip() > 0, a.scale() > 0, a.hsv());
    this.sampler = new BatchSampler(subset,
        new SamplerOptions(profile.imgsz(), profile.batch(), true, true, augmentation, profile.seed()), cache);
    this.images = subset.size();
  }

  private static List<LabeledImage> subset(List<LabeledImage> all, int count, long seed) {
    if (count >= all.size()) return all;
    List<LabeledImage> shuffled = new ArrayList<>(all);
    java.util.Collections.shuffle(shuffled, new java.util.Random(seed));
    return shuffled.subList(0, count);
  }

  @Override
  public int imgsz() {
    return sampler.options().imageSize();
  }

  @Override
  public int images() {
    return images;
  }

  /** Jumps to the position after {@code batches} batches (the epoch order is a function of the epoch). */
  @Override
  public void skip(int batches, int batch) {
    int drawn = epoch * sampler.batchesPerEpoch() + index + batches;
    epoch = drawn / sampler.batchesPerEpoch();
    index = drawn % sampler.batchesPerEpoch();
  }

  /** The next batch of the seeded epoch order; {@code batch} must equal the profile's batch size. */
  @Override
  public TrainingBatch next(int batch, SplittableRandom random) {
    if (index >= sampler.batchesPerEpoch()) {
      epoch++;
      index = 0;
    }
    ImageBatch b = sampler.batch(epoch, index++);
    List<List<float[]>> boxes = new ArrayList<>();
    for (ImageBatch.Targets t : b.targets()) {
      List<float[]> image = new ArrayList<>();
      float[] xyxy = t.xyxy();
      for (int i = 0; i < t.boxCount(); i++) {
        image.add(new float[] {xyxy[4 * i], xyxy[4 * i + 1], xyxy[4 * i + 2], xyxy[4 * i + 3], t.classIds()[i]});
      }
      boxes.add(image);
    }
    return new TrainingBatch(b.size(), b.pixels(), boxes);
  }
}
