package org.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSamplerTest {
  @TempDir static Path dir;
  static YoloDataset data;

  @BeforeAll
  static void makeData() {
    data = YoloDataset.load(SyntheticDataset.generate(dir, new SynthOptions(4, 20, 6, 80, 9)), BadEntryPolicy.FAIL);
  }

  @Test
  void evaluationBatchesAreLetterboxedInOrderWithMappedTargets() {
    ImageCache cache = new ImageCache();
    BatchSampler sampler = new BatchSampler(data.val(), SamplerOptions.evaluation(64, 4), cache);
    assertEquals(2, sampler.batchesPerEpoch());
    ImageBatch first = sampler.batch(0, 0);
    ImageBatch last = sampler.batch(0, 1);
    assertArrayEquals(new long[] {4, 3, 64, 64}, first.shape());
    assertEquals(2, last.count(), "the short last batch is kept for evaluation");
    for (int k = 0; k < 4; k++) {
      LabeledImage image = data.val().get(k);
      ImageBatch.Targets t = first.targets().get(k);
      assertEquals(image.path(), t.image());
      assertFalse(t.flipped());
      assertEquals(image.boxes().size(), t.boxCount());
      for (int b = 0; b < t.boxCount(); b++) {
        assertEquals(image.boxes().get(b).classId(), t.classIds()[b]);
        double[] expected = Letterbox.fit(80, 80, 64).toCanvas(image.boxes().get(b));
        for (int i = 0; i < 4; i++) assertEquals(expected[i], t.xyxy()[4 * b + i], 1e-4);
      }
    }
    assertEquals(6, cache.size(), "decoded images stay cached");
  }

  @Test
  void trainingBatchesAreDeterministicAndShuffledPerEpoch() {
    SamplerOptions opts = SamplerOptions.training(64, 8, 123);
    BatchSampler a = new BatchSampler(data.train(), opts, new ImageCache());
    BatchSampler b = new BatchSampler(data.train(), opts, new ImageCache(0));
    assertEquals(2, a.batchesPerEpoch(), "20 images in batches of 8, last dropped");
    ImageBatch a1 = a.batch(3, 1);
    ImageBatch b1 = b.batch(3, 1);
    assertArrayEquals(a1.pixels(), b1.pixels());
    for (int k = 0; k < a1.count(); k++) assertArrayEquals(a1.targets().get(k).xyxy(), b1.targets().get(k).xyxy());
    assertFalse(Arrays.equals(a.order(0), a.order(1)), "epochs see different orders");
    int[] sorted = a.order(5).clone();
    Arrays.sort(sorted);
    assertArrayEquals(java.util.stream.IntStream.range(0, 20).toArray(), sorted, "an order is a permutation");
  }

  @Test
  void augmentationFlipsScalesAndKeepsBoxesOnTheCanvas() {
    BatchSampler sampler = new BatchSampler(data.train(), new SamplerOptions(64, 20, true, false, Augmentation.LIGHT, 5), new ImageCache());
    int flipped = 0;
    int rescaled = 0;
    for (int epoch = 0; epoch < 3; epoch++) {
      for (ImageBatch batch : sampler.epoch(epoch)) {
        for (ImageBatch.Targets t : batch.targets()) {
          if (t.flipped()) flipped++;
          double factor = t.letterbox().scale() / (64.0 / 80);
          assertTrue(factor >= 0.75 - 1e-9 && factor <= 1.25 + 1e-9, "scale factor " + factor);
          if (Math.abs(factor - 1) > 0.02) rescaled++;
          for (float v : t.xyxy()) assertTrue(v >= 0 && v <= 64, "box coordinate on the canvas: " + v);
          for (int b = 0; b < t.boxCount(); b++) {
            assertTrue(t.xyxy()[4 * b + 2] - t.xyxy()[4 * b] >= BatchSampler.MIN_SIDE);
          }
        }
        for (float v : batch.pixels()) assertTrue(v >= 0 && v <= 1);
      }
    }
    assertTrue(flipped > 15 && flipped < 45, "about half flipped: " + flipped);
    assertTrue(rescaled > 40, "most rescaled: " + rescaled);
  }

  @Test
  void aFlippedImageIsTheMirrorWithMirroredBoxes() {
    LabeledImage image = data.train().get(0);
    Augmentation flipOnly = new Augmentation(true, false, false);
    ImageBatch plain = new BatchSampler(List.of(image), SamplerOptions.evaluation(64, 1), new ImageCache()).batch(0, 0);
    ImageBatch mirrored = null;
    for (long seed = 0; mirrored == null; seed++) {
      ImageBatch candidate = new BatchSampler(List.of(image), new SamplerOptions(64, 1, false, false, flipOnly, seed), new ImageCache()).batch(0, 0);
      if (candidate.targets().get(0).flipped()) mirrored = candidate;
    }
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 64; y++) {
        for (int x = 0; x < 64; x++) {
          int at = c * 4096 + y * 64;
          assertEquals(plain.pixels()[at + x], mirrored.pixels()[at + 63 - x], 1e-6f);
        }
      }
    }
    float[] p = plain.targets().get(0).xyxy();
    float[] m = mirrored.targets().get(0).xyxy();
    for (int b = 0; b < p.length / 4; b++) {
      assertEquals(64 - p[4 * b + 2], m[4 * b], 1e-4);
      assertEquals(64 - p[4 * b], m[4 * b + 2], 1e-4);
      assertEquals(p[4 * b + 1], m[4 * b + 1], 1e-4);
    }
  }
}
