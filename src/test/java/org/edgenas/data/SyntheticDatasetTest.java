package org.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetTest {
  @TempDir Path dir;

  private static final SynthOptions SMALL = new SynthOptions(8, 24, 8, 96, 7);

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers() throws IOException {
    Path a = SyntheticDataset.generate(dir.resolve("a"), SMALL).getParent();
    Path b = SyntheticDataset.generate(dir.resolve("b"), SMALL).getParent();
    Path c = SyntheticDataset.generate(dir.resolve("c"), new SynthOptions(8, 24, 8, 96, 8)).getParent();
    List<Path> names = files(a);
    assertEquals(1 + 2 * (24 + 8), names.size());
    assertEquals(names, files(b));
    int differing = 0;
    for (Path name : names) {
      assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name::toString);
      if (name.toString().endsWith(".png") && !java.util.Arrays.equals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(c.resolve(name)))) differing++;
    }
    assertEquals(32, differing, "every image differs under another seed");
  }

  @Test
  void regeneratingIntoTheSameFolderReplacesTheEarlierDataset() throws IOException {
    Path out = dir.resolve("d");
    SyntheticDataset.generate(out, new SynthOptions(2, 10, 3, 64, 1));
    SyntheticDataset.generate(out, new SynthOptions(2, 4, 2, 64, 1));
    assertEquals(1 + 2 * 6, files(out).size());
  }

  @Test
  void labelsAreInRangeAndTheBoxesSpanTheDrawnObjects() {
    SplittableRandom root = new SplittableRandom(11);
    int[] perClass = new int[8];
    for (int n = 0; n < 60; n++) {
      SynthRenderer.Rendered r = SynthRenderer.render(128, 8, root.split());
      assertFalse(r.boxes().isEmpty());
      assertTrue(r.boxes().size() <= 6);
      for (int id = 0; id < r.boxes().size(); id++) {
        LabelBox box = r.boxes().get(id);
        perClass[box.classId()]++;
        for (double v : new double[] {box.cx() - box.w() / 2, box.cy() - box.h() / 2, box.cx() + box.w() / 2, box.cy() + box.h() / 2}) {
          assertTrue(v >= 0 && v <= 1, () -> "box outside the image: " + box);
        }
        double[] xyxy = box.toPixelXyxy(128, 128);
        int visible = 0;
        int minX = 128, minY = 128, maxX = -1, maxY = -1;
        int base = SynthShape.values()[box.classId()].rgb();
        for (int y = 0; y < 128; y++) {
          for (int x = 0; x < 128; x++) {
            if (r.owner()[y * 128 + x] != id) continue;
            visible++;
            minX = Math.min(minX, x); maxX = Math.max(maxX, x);
            minY = Math.min(minY, y); maxY = Math.max(maxY, y);
            assertTrue(distance(r.rgb()[y * 128 + x], base) < 100, "object pixel far from its class colour");
          }
        }
        int area = (int) Math.round((xyxy[2] - xyxy[0]) * (xyxy[3] - xyxy[1]));
        assertTrue(visible >= 0.15 * area, "an object with a label is visible: " + visible + " of box area " + area);
        assertTrue(minX >= Math.round(xyxy[0]) && maxX < Math.round(xyxy[2]) && minY >= Math.round(xyxy[1]) && maxY < Math.round(xyxy[3]),
            "visible pixels lie inside the box");
      }
    }
    for (int c = 0; c < 8; c++) assertTrue(perClass[c] > 5, "class " + c + " appears: " + perClass[c]);
  }

  @Test
  void writtenImagesShowTheClassColourInsideEachBox() throws IOException {
    Path yaml = SyntheticDataset.generate(dir.resolve("s"), new SynthOptions(8, 20, 4, 96, 3));
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.FAIL);
    assertEquals(SyntheticDataset.classNames(8), ds.names());
    assertTrue(ds.problems().isEmpty(), () -> ds.problems().toString());
    for (LabeledImage image : ds.train()) {
      int[] rgb = ImageCache.decode(image.path()).rgb();
      for (LabelBox box : image.boxes()) {
        double[] b = box.toPixelXyxy(96, 96);
        int inside = 0;
        int matching = 0;
        for (int y = (int) b[1]; y < (int) Math.ceil(b[3]); y++) {
          for (int x = (int) b[0]; x < (int) Math.ceil(b[2]); x++) {
            inside++;
            if (nearestClass(rgb[y * 96 + x]) == box.classId()) matching++;
          }
        }
        double share = (double) matching / inside;
        assertTrue(share > 0.1, () -> image.path() + " box " + box + ": only " + share + " of its pixels have the class colour");
      }
    }
  }

  @Test
  void ensureBuiltinGeneratesOnceIntoTheCache() throws IOException {
    SynthOptions opts = new SynthOptions(3, 6, 2, 64, 42);
    Path yaml = SyntheticDataset.ensureBuiltin(dir, opts);
    assertEquals(dir.resolve(opts.cacheKey()).resolve("data.yaml"), yaml);
    Path marker = yaml.resolveSibling("marker");
    Files.writeString(marker, "kept");
    assertEquals(yaml, SyntheticDataset.ensureBuiltin(dir, opts));
    assertTrue(Files.exists(marker), "the cached copy is reused, not regenerated");
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(opts.cacheKey()), entries.map(p -> p.getFileName().toString()).toList(), "no temporary folders left");
    }
    assertEquals(6, YoloDataset.load(yaml, BadEntryPolicy.FAIL).train().size());
  }

  @Test
  void twoProcessesMakingTheSameDatasetAtOnceBothGetIt() throws Exception {
    // both find no cached copy, both generate, the second move finds the first one's folder in place
    SynthOptions opts = new SynthOptions(3, 24, 8, 64, 43);
    CyclicBarrier start = new CyclicBarrier(3);
    List<Future<Path>> makers = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 3; i++) {
        makers.add(threads.submit(() -> {
          start.await();
          return SyntheticDataset.ensureBuiltin(dir, opts);
        }));
      }
    }
    for (var maker : makers) assertEquals(dir.resolve(opts.cacheKey()).resolve("data.yaml"), maker.get());
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(opts.cacheKey()), entries.map(p -> p.getFileName().toString()).toList(), "no temporary folders left");
    }
    assertEquals(24, YoloDataset.load(dir.resolve(opts.cacheKey()).resolve("data.yaml"), BadEntryPolicy.FAIL).train().size());
  }

  @Test
  void defaultDatasetIsCleanAndQuickToMake() {
    long start = System.nanoTime();
    Path yaml = SyntheticDataset.generate(dir.resolve("default"), SynthOptions.defaults());
    System.out.printf("synthetic default dataset (256+64 images, 160 px): %.2f s%n", (System.nanoTime() - start) / 1e9);
    CheckReport report = DatasetChecker.check(yaml, false);
    assertEquals(0, report.problems().size(), report::format);
    assertEquals(256, report.splits().get(0).images());
    List<Integer> perClass = new ArrayList<>(report.splits().get(0).perClass());
    assertTrue(perClass.stream().allMatch(n -> n > 100), () -> "balanced classes: " + perClass);
    assertNotEquals(0, report.splits().get(1).boxes());
  }

  private static int nearestClass(int rgb) {
    int best = -1;
    double bestDistance = 90;
    for (SynthShape s : SynthShape.values()) {
      double d = distance(rgb, s.rgb());
      if (d < bestDistance) {
        bestDistance = d;
        best = s.ordinal();
      }
    }
    return best;
  }

  private static double distance(int a, int b) {
    double sum = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int d = ((a >> shift) & 0xFF) - ((b >> shift) & 0xFF);
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
