package org.edgenas.train.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supernet training stopped at a step boundary (in-process: the trainer writes its checkpoint and
 * returns, as after a stop) and resumed from the file it wrote ends with exactly the weights, BatchNorm
 * statistics and AdamW moments of an uninterrupted run, and those differ from the initial weights;
 * with in-place distillation too, whose weights differ from those trained without it.
 */
class SupernetResumeTest {
  static final int STEPS = 4;

  @Test
  void aResumedRunEndsWithTheUninterruptedRunsWeights(@TempDir Path tmp) throws Exception {
    resumedEqualsWhole(tmp, null);
  }

  /** The same with in-place distillation from the largest path; and distillation changes the weights. */
  @Test
  void aResumedDistilledRunEndsWithTheUninterruptedRunsWeights(@TempDir Path tmp) throws Exception {
    SharedWeights distilled = resumedEqualsWhole(tmp, 1.0);
    SharedWeights plain = new SharedWeights();
    Fixture f = new Fixture(tmp);
    f.trainer(null).train(f.tiny, f.fresh, plain, tmp.resolve("plain.bin"), source(f.ds, f.profile), p -> {}, s -> false);
    assertEquals(plain.tensors().keySet(), distilled.tensors().keySet());
    String key = "Conv:stem.weight";
    assertFalse(Arrays.equals(plain.tensors().get(key).values(), distilled.tensors().get(key).values()),
        "distillation changed nothing in " + key);
  }

  /** A file trained without distillation is not continued with it, nor the other way round. */
  @Test
  void aResumeUnderAnotherDistillSettingIsRefused(@TempDir Path tmp) throws Exception {
    Fixture f = new Fixture(tmp);
    Path file = tmp.resolve("plain.bin");
    f.trainer(null).train(f.tiny, f.fresh, new SharedWeights(), file, source(f.ds, f.profile), p -> {}, s -> s == 1);
    SupernetFile.Loaded loaded = SupernetFile.read(file);
    var e = assertThrows(BadInputException.class, () -> f.trainer(1.0).train(f.tiny, loaded.header(), loaded.weights(), file,
        source(f.ds, f.profile), p -> {}, s -> false));
    assertTrue(e.getMessage().startsWith(file + ": the supernet is trained without in-place distillation (distill: false) but the profile"
        + " asks for distill: true, distill_weight 1.0"), e.getMessage());
    assertEquals(1, SupernetFile.read(file).header().step(), "the file is left as it was");
  }

  /** Test data, profile and tiny space shared by the trainings (and by {@link FairSupernetTrainingTest}'s). */
  static final class Fixture {
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

    /** A trainer with in-place distillation of {@code distill} (null: none). */
    SupernetTrainer trainer(Double distill) {
      return new SupernetTrainer(profile, new SupernetSettings(1, 1, "order", 0, 0, distill != null, distill == null ? 1.0 : distill));
    }

    /** A trainer without distillation, with this path sampling (one random path, ignored under fair: K = 3 on tiny, as 2 + 1). */
    SupernetTrainer sampled(String sampling) {
      return new SupernetTrainer(profile, new SupernetSettings(1, 1, "order", 0, 0, false, 1.0, sampling));
    }

    DatasetBatchSource source() {
      return SupernetResumeTest.source(ds, profile);
    }
  }

  /** Trains whole and stopped-then-resumed with {@code distill} (null: none), asserts they agree; the whole run's weights. */
  private static SharedWeights resumedEqualsWhole(Path tmp, Double distill) throws Exception {
    Fixture f = new Fixture(tmp);
    YoloDataset ds = f.ds;
    ProxySettings profile = f.profile;
    SupernetSpace tiny = f.tiny;
    SupernetTrainer trainer = f.trainer(distill);
    SupernetHeader fresh = f.fresh.withDistill(distill);

    Path whole = tmp.resolve("whole.bin");
    SharedWeights a = new SharedWeights();
    trainer.train(tiny, fresh, a, whole, source(ds, profile), p -> {}, s -> false);
    if (distill != null) {
      assertEquals(STEPS * 2L, trainer.distilledPaths(), "the smallest and one random path distilled each step");
      assertTrue(trainer.meanDistillLoss() > 0, "distillation loss " + trainer.meanDistillLoss());
    }

    Path parts = tmp.resolve("parts.bin");
    SupernetHeader stopped = trainer.train(tiny, fresh, new SharedWeights(), parts, source(ds, profile), p -> {}, s -> s == 2);
    assertEquals(2, stopped.step());
    SupernetFile.Loaded loaded = SupernetFile.read(parts);
    assertEquals(2, loaded.header().step());
    assertEquals(distill, loaded.header().distill());
    trainer.train(tiny, loaded.header(), loaded.weights(), parts, source(ds, profile), p -> {}, s -> false);

    SupernetFile.Loaded x = SupernetFile.read(whole), y = SupernetFile.read(parts);
    assertEquals(STEPS, x.header().step());
    assertEquals(x.header().updates(), y.header().updates());
    assertEquals(x.weights().tensors().keySet(), y.weights().tensors().keySet());
    for (var e : x.weights().tensors().entrySet()) {
      assertArrayEquals(e.getValue().values(), y.weights().tensors().get(e.getKey()).values(), e.getKey());
    }
    assertArrayEquals(x.weights().tensors().get(firstTrainable(x.weights())).values(), a.tensors().get(firstTrainable(a)).values());
    SharedWeights untrained = new SharedWeights();
    trainer.train(tiny, new SupernetHeader("tiny", "s", "d", 64, ds.names(), "p", "order", 0, 1, 0, 0).withDistill(distill), untrained,
        tmp.resolve("one.bin"), source(ds, profile), p -> {}, s -> false);
    String key = "Conv:stem.weight";
    assertNotEquals(List.of(untrained.tensors().get(key).values()[0]), List.of(x.weights().tensors().get(key).values()[0]),
        "four steps moved the stem");
    return a;
  }

  private static String firstTrainable(SharedWeights w) {
    return w.tensors().entrySet().stream().filter(e -> e.getValue().role().trainable()).findFirst().orElseThrow().getKey();
  }

  private static DatasetBatchSource source(YoloDataset ds, ProxySettings profile) {
    return new DatasetBatchSource(ds.train(), profile, new ImageCache());
  }
}
