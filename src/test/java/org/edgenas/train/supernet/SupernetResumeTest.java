package org.edgenas.train.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.List;
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
 * statistics and AdamW moments of an uninterrupted run, and those differ from the initial weights.
 */
class SupernetResumeTest {
  static final int STEPS = 4;

  @Test
  void aResumedRunEndsWithTheUninterruptedRunsWeights(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 32, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    ProxySettings profile = new ProxySettings("test", 64, STEPS, 0, 4, 0.002, 0.01, 1, 0.002, 0.9, 5e-4, true, 1.0, 1, 0,
        new ProxySettings.Augment(0.5, 0, false)).withSeed(3);
    SupernetSpace tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
    SupernetTrainer trainer = new SupernetTrainer(profile, new SupernetSettings(1, 1, "order", 0, 0));
    SupernetHeader fresh = new SupernetHeader("tiny", "s", "d", 64, ds.names(), "p", "order", 0, STEPS, 0, 0);

    Path whole = tmp.resolve("whole.bin");
    SharedWeights a = new SharedWeights();
    trainer.train(tiny, fresh, a, whole, source(ds, profile), p -> {}, s -> false);

    Path parts = tmp.resolve("parts.bin");
    SupernetHeader stopped = trainer.train(tiny, fresh, new SharedWeights(), parts, source(ds, profile), p -> {}, s -> s == 2);
    assertEquals(2, stopped.step());
    SupernetFile.Loaded loaded = SupernetFile.read(parts);
    assertEquals(2, loaded.header().step());
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
    trainer.train(tiny, new SupernetHeader("tiny", "s", "d", 64, ds.names(), "p", "order", 0, 1, 0, 0), untrained,
        tmp.resolve("one.bin"), source(ds, profile), p -> {}, s -> false);
    String key = "Conv:stem.weight";
    assertNotEquals(List.of(untrained.tensors().get(key).values()[0]), List.of(x.weights().tensors().get(key).values()[0]),
        "four steps moved the stem");
  }

  private static String firstTrainable(SharedWeights w) {
    return w.tensors().entrySet().stream().filter(e -> e.getValue().role().trainable()).findFirst().orElseThrow().getKey();
  }

  private static DatasetBatchSource source(YoloDataset ds, ProxySettings profile) {
    return new DatasetBatchSource(ds.train(), profile, new ImageCache());
  }
}
