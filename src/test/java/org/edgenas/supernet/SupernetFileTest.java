package org.edgenas.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.compress.Importance;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supernet file round-trips; another task's supernet and a damaged file are one-sentence errors naming the file. */
class SupernetFileTest {
  final SupernetSpace tiny = SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4);
  final SupernetHeader header = new SupernetHeader("tiny", "aaaa", "dddd", 64, List.of("a", "b", "c", "d"), "pppp", "order", 3, 10, 3, 1.5);

  private SharedWeights weights() {
    SharedWeights w = new SharedWeights();
    PathSlices.of(tiny, tiny.path(tiny.space().defaultPicks()), 64, w, Importance.ORDER, 1);
    return w;
  }

  @Test
  void roundTripsEveryTensorAndTheHeader(@TempDir Path tmp) {
    SharedWeights w = weights();
    Path file = tmp.resolve("s.bin");
    SupernetFile.write(file, header, w);
    SupernetFile.Loaded back = SupernetFile.read(file);
    assertEquals(header, back.header());
    assertEquals(w.tensors().keySet(), back.weights().tensors().keySet());
    w.tensors().forEach((k, t) -> {
      assertArrayEquals(t.values(), back.weights().tensors().get(k).values(), k);
      assertArrayEquals(t.shape(), back.weights().tensors().get(k).shape(), k);
    });
  }

  @Test
  void aSupernetOfAnotherTaskIsRefusedNamingTheField() {
    var e = assertThrows(BadInputException.class, () -> header.checkMatches("s.bin", "bbbb", "dddd", 64, header.classes()));
    assertTrue(e.getMessage().startsWith("s.bin: the supernet was trained for another task (space:"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> header.checkMatches("s.bin", "aaaa", "dddd", 96, header.classes()));
    assertTrue(e.getMessage().contains("imgsz: trained at 64 px, 96 px asked"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> header.checkMatches("s.bin", "aaaa", "dddd", 64, List.of("person")));
    assertTrue(e.getMessage().contains("classes: trained for [a, b, c, d], the dataset has [person]"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> header.checkMatches("s.bin", "aaaa", "eeee", 64, header.classes()));
    assertTrue(e.getMessage().contains("dataset:"), e.getMessage());
  }

  @Test
  void aDamagedOrTruncatedFileIsAClearErrorAndStaysOnDisk(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("s.bin");
    SupernetFile.write(file, header, weights());
    byte[] good = Files.readAllBytes(file);
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    Files.write(file, flipped);
    var e = assertThrows(BadInputException.class, () -> SupernetFile.read(file));
    assertEquals(file + ": the supernet file is damaged (its checksum does not match its content); train it again or restore a copy", e.getMessage());
    assertArrayEquals(flipped, Files.readAllBytes(file), "a failed read changes nothing");
    Files.write(file, java.util.Arrays.copyOf(good, good.length - 100));
    e = assertThrows(BadInputException.class, () -> SupernetFile.read(file));
    assertTrue(e.getMessage().contains("damaged (it ends early)"), e.getMessage());
    Files.writeString(file, "this is not a supernet file at all");
    e = assertThrows(BadInputException.class, () -> SupernetFile.read(file));
    assertTrue(e.getMessage().endsWith("not a supernet file (format edgenas-supernet expected)"), e.getMessage());
  }

  @Test
  void theDistillSettingRoundTripsIsAbsentInOlderHeadersAndIsChecked(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("s.bin");
    SupernetHeader distilled = header.withDistill(0.5);
    SupernetFile.write(file, distilled, weights());
    assertEquals(distilled, SupernetFile.header(file));
    assertEquals(0.5, SupernetFile.header(file).at(4, 4, 2.0).distill());
    String older = org.edgenas.common.Json.line(header).replace(",\"distill\":null", "").replace("\"distill\":null,", "");
    assertFalse(older.contains("distill"), older);
    assertEquals(header, org.edgenas.common.Json.mapper().readValue(older, SupernetHeader.class), "a header without the field: no distillation");
    header.checkDistill("s.bin", null);
    distilled.checkDistill("s.bin", 0.5);
    var e = assertThrows(BadInputException.class, () -> distilled.checkDistill("s.bin", null));
    assertTrue(e.getMessage().startsWith("s.bin: the supernet is trained with in-place distillation (distill: true, distill_weight 0.5)"
        + " but the profile asks for distill: false"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> distilled.checkDistill("s.bin", 1.0));
    assertTrue(e.getMessage().contains("asks for distill: true, distill_weight 1.0"), e.getMessage());
  }
}
