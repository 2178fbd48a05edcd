package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained parents: keys, disk round trips, damage detection and train-once under concurrency. */
class ParentStoreTest {
  static final Architecture ARCH = ChannelPrunerPlantedTest.NET;
  static final Network PARENT = ARCH.lower();
  static final ParentKey KEY = ParentKey.of(ARCH, "profile-1a2b", 64, "synthetic-v1-3f00");

  @Test
  void candidatesDifferingOnlyInPruningAndBitsShareOneParent() {
    Architecture pruned = TinyNets.withPrune(ARCH, 0.5, Set.of());
    Architecture int8 = new Architecture(ARCH.name(), ARCH.nc(), ARCH.imgsz(), ARCH.layers().stream().map(l -> l.withBits(8)).toList(), ARCH.provenance());
    assertNotEquals(ARCH.hash(), pruned.hash());
    assertEquals(KEY, ParentKey.of(pruned, "profile-1a2b", 64, "synthetic-v1-3f00"));
    assertEquals(KEY.fileName(), ParentKey.of(int8, "profile-1a2b", 64, "synthetic-v1-3f00").fileName());
    assertNotEquals(KEY.fileName(), ParentKey.of(ARCH, "profile-1a2b", 96, "synthetic-v1-3f00").fileName());
    assertNotEquals(KEY.fileName(), ParentKey.of(ARCH, "profile-1a2b", 64, "coco8-77aa").fileName());
    assertNotEquals(KEY.fileName(), ParentKey.of(ARCH, "profile-9999", 64, "synthetic-v1-3f00").fileName());
    assertThrows(IllegalArgumentException.class, () -> new ParentKey("xyz", "p", 64, "d"));
    assertThrows(IllegalArgumentException.class, () -> new ParentKey(ARCH.parentHash(), " ", 64, "d"));
  }

  @Test
  void weightsSurviveARoundTripThroughTheFolder(@TempDir Path dir) {
    Weights w = TinyNets.trainedLike(PARENT, 3);
    new ParentStore(dir, 4).put(KEY, PARENT, w);
    ParentStore fresh = new ParentStore(dir, 4);
    Weights back = fresh.get(KEY, PARENT).orElseThrow();
    assertEquals(w.values().keySet(), back.values().keySet());
    for (String name : w.values().keySet()) assertArrayEquals(w.get(name), back.get(name), name);
    assertEquals(1, fresh.loadedCount());
    assertSame(back, fresh.get(KEY, PARENT).orElseThrow(), "second get is served from memory");
    assertEquals(1, fresh.loadedCount());
    assertTrue(new ParentStore(dir, 4).get(ParentKey.of(ARCH, "other", 64, "d"), PARENT).isEmpty());
  }

  @Test
  void damagedFilesAreDetectedNeverHalfLoadedAndRetrained(@TempDir Path dir) throws IOException {
    Weights w = TinyNets.trainedLike(PARENT, 3);
    ParentStore store = new ParentStore(dir, 0);
    store.put(KEY, PARENT, w);
    Path file = store.fileOf(KEY);
    byte[] good = Files.readAllBytes(file);
    for (int cut : new int[] {0, 5, 40, good.length / 2, good.length - 1}) {
      Files.write(file, java.util.Arrays.copyOf(good, cut));
      CorruptWeightsException e = assertThrows(CorruptWeightsException.class, () -> store.get(KEY, PARENT), "cut at " + cut);
      assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    }
    byte[] flipped = good.clone();
    flipped[good.length / 3] ^= 0x10;
    Files.write(file, flipped);
    assertTrue(assertThrows(CorruptWeightsException.class, () -> store.get(KEY, PARENT)).getMessage().contains("checksum"));

    AtomicInteger trainings = new AtomicInteger();
    Weights again = store.computeIfAbsent(KEY, PARENT, () -> {
      trainings.incrementAndGet();
      return w;
    });
    assertSame(w, again);
    assertEquals(1, trainings.get());
    assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".corrupt")), "the damaged file is kept aside");
    assertArrayEquals(good, Files.readAllBytes(file), "the retrained parent is written again");
  }

  @Test
  void twoThreadsAskingForOneParentTrainItOnce(@TempDir Path dir) throws Exception {
    ParentStore store = new ParentStore(dir, 4);
    Weights w = TinyNets.trainedLike(PARENT, 3);
    ParentKey other = ParentKey.of(ARCH, "profile-1a2b", 96, "synthetic-v1-3f00");
    AtomicInteger trainings = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Weights>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        ParentKey key = i < 3 ? KEY : other;
        results.add(pool.submit(() -> {
          start.await();
          return store.computeIfAbsent(key, PARENT, () -> {
            trainings.incrementAndGet();
            sleep(150);
            return w;
          });
        }));
      }
      start.countDown();
      for (Future<Weights> f : results) assertSame(w, f.get());
    }
    assertEquals(2, trainings.get(), "one training per key");
    assertEquals(2, store.trainedCount());
    ParentStore resumed = new ParentStore(dir, 4);
    resumed.computeIfAbsent(KEY, PARENT, () -> {
      throw new AssertionError("a resumed run must not train a stored parent");
    });
    assertEquals(1, resumed.loadedCount());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
