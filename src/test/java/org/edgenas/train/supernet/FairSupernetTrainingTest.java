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
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short supernet training with {@code sampling: fair} on the tiny space, stopped at a step
 * boundary and resumed from its file, ends bit for bit with the uninterrupted run's weights, BatchNorm
 * statistics and AdamW moments; it differs from a sandwich training of the same seed; its file
 * records the sampling, and a resume under the other sampling is refused either way.
 */
class FairSupernetTrainingTest {
  static final int STEPS = SupernetResumeTest.STEPS;

  @Test
  void aResumedFairRunEqualsTheUninterruptedOneAndDiffersFromASandwichRun(@TempDir Path tmp) throws Exception {
    SupernetResumeTest.Fixture f = new SupernetResumeTest.Fixture(tmp);
    SupernetTrainer fair = f.sampled("fair");
    SupernetHeader fresh = f.fresh.withSampling("fair");

    Path whole = tmp.resolve("whole.bin");
    fair.train(f.tiny, fresh, new SharedWeights(), whole, f.source(), p -> {}, s -> false);
    Path parts = tmp.resolve("parts.bin");
    assertEquals(2, fair.train(f.tiny, fresh, new SharedWeights(), parts, f.source(), p -> {}, s -> s == 2).step());
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
    f.sampled("sandwich").train(f.tiny, f.fresh, new SharedWeights(), sandwichFile, f.source(), p -> {}, s -> false);
    SupernetFile.Loaded sandwich = SupernetFile.read(sandwichFile);
    assertNull(sandwich.header().sampling(), "a sandwich file records nothing, as before the key existed");
    String key = "Conv:stem.weight";
    assertFalse(Arrays.equals(sandwich.weights().tensors().get(key).values(), x.weights().tensors().get(key).values()),
        "fair sampling trained " + key + " as the sandwich rule did");
  }

  @Test
  void aResumeUnderAnotherSamplingIsRefused(@TempDir Path tmp) throws Exception {
    SupernetResumeTest.Fixture f = new SupernetResumeTest.Fixture(tmp);
    Path sandwich = tmp.resolve("sandwich.bin");
    f.sampled("sandwich").train(f.tiny, f.fresh, new SharedWeights(), sandwich, f.source(), p -> {}, s -> s == 1);
    SupernetFile.Loaded a = SupernetFile.read(sandwich);
    var e = assertThrows(BadInputException.class, () -> f.sampled("fair").train(f.tiny, a.header(), a.weights(), sandwich, f.source(),
        p -> {}, s -> false));
    assertTrue(e.getMessage().startsWith(sandwich + ": the supernet is trained with sampling: sandwich but the profile asks for sampling: fair"),
        e.getMessage());
    assertEquals(1, SupernetFile.read(sandwich).header().step(), "the file is left as it was");

    Path fair = tmp.resolve("fair.bin");
    f.sampled("fair").train(f.tiny, f.fresh.withSampling("fair"), new SharedWeights(), fair, f.source(), p -> {}, s -> s == 1);
    SupernetFile.Loaded b = SupernetFile.read(fair);
    e = assertThrows(BadInputException.class, () -> f.sampled("sandwich").train(f.tiny, b.header(), b.weights(), fair, f.source(),
        p -> {}, s -> false));
    assertTrue(e.getMessage().startsWith(fair + ": the supernet is trained with sampling: fair but the profile asks for sampling: sandwich"),
        e.getMessage());
  }
}
