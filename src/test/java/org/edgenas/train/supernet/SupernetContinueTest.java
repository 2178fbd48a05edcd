package org.edgenas.train.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A finished supernet's file holds no AdamW moments (its checkpoints do); planned for more steps,
 * it trains on from it with the moments starting from zero, and that continuation, stopped and
 * resumed from its checkpoint, still ends with the weights of the continuation left alone.
 */
class SupernetContinueTest {
  @Test
  void aFinishedCompactSupernetTrainsOnAndResumesExactly(@TempDir Path tmp) throws Exception {
    Path yaml = SyntheticDataset.generate(tmp.resolve("data"), new SynthOptions(4, 32, 8, 64, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    ProxySettings profile = new ProxySettings("test", 64, 4, 0, 4, 0.002, 0.01, 1, 0.002, 0.9, 5e-4, true, 1.0, 1, 0,
        new ProxySettings.Augment(0.5, 0, false)).withSeed(3);
    SupernetSpace tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
    SupernetTrainer trainer = new SupernetTrainer(profile, new SupernetSettings(1, 1, "order", 0, 0));

    Path finished = tmp.resolve("finished.bin");
    trainer.train(tiny, new SupernetHeader("tiny", "s", "d", 64, ds.names(), "p", "order", 0, 2, 0, 0), new SharedWeights(), finished,
        source(ds, profile), p -> {}, s -> false);
    SupernetFile.Loaded two = SupernetFile.read(finished);
    assertTrue(two.header().complete());
    assertFalse(two.weights().hasOptimizerState(), "the finished file kept only the weights");

    Path whole = tmp.resolve("whole.bin"), parts = tmp.resolve("parts.bin");
    Files.copy(finished, whole);
    Files.copy(finished, parts);
    SupernetFile.Loaded a = SupernetFile.read(whole);
    trainer.train(tiny, a.header().planned(4), a.weights(), whole, source(ds, profile), p -> {}, s -> false);
    SupernetFile.Loaded b = SupernetFile.read(parts);
    SupernetHeader stopped = trainer.train(tiny, b.header().planned(4), b.weights(), parts, source(ds, profile), p -> {}, s -> s == 3);
    assertEquals(3, stopped.step());
    long checkpointBytes = Files.size(parts);
    SupernetFile.Loaded c = SupernetFile.read(parts);
    assertTrue(c.weights().hasOptimizerState());
    trainer.train(tiny, c.header(), c.weights(), parts, source(ds, profile), p -> {}, s -> false);

    SupernetFile.Loaded x = SupernetFile.read(whole), y = SupernetFile.read(parts);
    assertEquals(4, x.header().step());
    assertEquals(x.header().updates(), y.header().updates());
    assertFalse(x.weights().hasOptimizerState());
    assertTrue(Files.size(whole) < checkpointBytes * 0.4, "finished again, the moments are left out: " + Files.size(whole)
        + " bytes, the checkpoint a step earlier " + checkpointBytes);
    for (var e : x.weights().tensors().entrySet()) {
      assertArrayEquals(e.getValue().values(), y.weights().tensors().get(e.getKey()).values(), e.getKey());
    }
    String key = "Conv:stem.weight";
    assertNotEquals(List.of(two.weights().tensors().get(key).values()[0]), List.of(x.weights().tensors().get(key).values()[0]),
        "two more steps moved the stem");
  }

  private static DatasetBatchSource source(YoloDataset ds, ProxySettings profile) {
    return new DatasetBatchSource(ds.train(), profile, new ImageCache());
  }
}
