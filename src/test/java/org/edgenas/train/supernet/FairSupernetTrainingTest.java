package org.edgenas.train.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.edgenas.common.BadInputException;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short supernet training with {@code sampling: fair} on the tiny space, stopped at a step
 * boundary and resumed from its file, ends bit for bit with the uninterrupted run's weights, BatchNorm
 * statistics and AdamW moments; it differs from a sandwich training of the same seed; its file
 * records the sampling, and a resume under the other sampling is refused either way.
 */
class FairSupernetTrainingTest {
  static final int STEPS = 3;

  @Test
  void aResumedFairRunEqualsTheUninterruptedOneAndDiffersFromASandwichRun(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp);
    SupernetTrainer fair = f.trainer("fair");
    SupernetHeader fresh = f.fresh.withSampling("fair");

    Path whole = tmp.resolve("whole.bin");
    fair.train(f.tiny, fresh, new SharedWeights(), whole, f.source(), p -> {}, s -> false);
    Path parts = tmp.resolve("parts.bin");
    assertEquals(1, fair.train(f.tiny, fresh, new SharedWeights(), parts, f.source(), p -> {}, s -> s == 1).step());
    SupernetFile.Loaded stopped = SupernetFile.read(parts);
    assertEquals("fair", stopped.header().sampling(), "the file records the sampling");
    fair.train(f.tiny, stopped.header(), stopped.weights(), parts, f.source(), p -> {}, s -> false);

    SupernetFile.Loaded x = SupernetFile.read(whole), y = SupernetFile.read(parts);
    assertEquals(STEPS, y.header().step());
    assertEquals(x.header().updates(), y.header().updates());
    assertEquals(x.weights().tensors().keySet(), y.weights().tensors().keySet());
    for (var e : x.weights().tensors().entrySet()) {
      assertArrayEquals(e.getValue().values(), y.weights().tensors().get(e.getKey()).values(), e.getKey());
    }

    Path sandwichFile = tmp.resolve("sandwich.bin");
    f.trainer("sandwich").train(f.tiny, f.fresh, new SharedWeights(), sandwichFile, f.source(), p -> {}, s -> false);
    SupernetFile.Loaded sandwich = SupernetFile.read(sandwichFile);
    assertNull(sandwich.header().sampling(), "a sandwich file records nothing, as before the key existed");
    String key = "Conv:stem.weight";
    assertFalse(Arrays.equals(sandwich.weights().tensors().get(key).values(), x.weights().tensors().get(key).values()),
        "fair sampling trained " + key + " as the sandwich rule did");
  }

  @Test
  void aResumeUnderAnotherSamplingIsRefused(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp);
    Path sandwich = tmp.resolve("sandwich.bin");
    f.trainer("sandwich").train(f.tiny, f.fresh, new SharedWeights(), sandwich, f.source(), p -> {}, s -> s == 1);
    SupernetFile.Loaded a = SupernetFile.read(sandwich);
    var e = assertThrows(BadInputException.class, () -> f.trainer("fair").train(f.tiny, a.header(), a.weights(), sandwich, f.source(),
        p -> {}, s -> false));
    assertTrue(e.getMessage().startsWith(sandwich + ": the supernet is trained with sampling: sandwich but the profile asks for sampling: fair"),
        e.getMessage());
    assertEquals(1, SupernetFile.read(sandwich).header().step(), "the file is left as it was");

    Path fair = tmp.resolve("fair.bin");
    f.trainer("fair").train(f.tiny, f.fresh.withSampling("fair"), new SharedWeights(), fair, f.source(), p -> {}, s -> s == 1);
    SupernetFile.Loaded b = SupernetFile.read(fair);
    e = assertThrows(BadInputException.class, () -> f.trainer("sandwich").train(f.tiny, b.header(), b.weights(), fair, f.source(),
        p -> {}, s -> false));
    assertTrue(e.getMessage().startsWith(fair + ": the supernet is trained with sampling: fair but the profile asks for sampling: sandwich"),
        e.getMessage());
  }

  /** Test data, profile and tiny space shared by the trainings. */
  private static final class Fixture {
    final YoloDataset ds;
    final ProxySettings profile;
    final SupernetSpace tiny;
    final SupernetHeader fresh;

    Fixture(Path tmp) throws Exception {
      Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 32, 8, 64, 3));
      ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
      profile = new ProxySettings("test", 64, STEPS, 0, 4, 0.002, 0.01, 1, 0.002, 0.9, 5e-4, true, 1.0, 1, 0,
          new ProxySettings.Augment(0.5, 0, false)).withSeed(3);
      tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
      fresh = new SupernetHeader("tiny", "s", "d", 64, ds.names(), "p", "order", 0, STEPS, 0, 0);
    }

    /** A trainer with this sampling; one random path (ignored under fair: K = 3 paths on tiny, as the sandwich's 2 + 1). */
    SupernetTrainer trainer(String sampling) {
      return new SupernetTrainer(profile, new SupernetSettings(1, 1, "order", 0, 0, false, 1.0, sampling));
    }

    DatasetBatchSource source() {
      return new DatasetBatchSource(ds.train(), profile, new ImageCache());
    }
  }
}
