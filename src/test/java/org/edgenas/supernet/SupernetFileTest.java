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

/**
 * The supernet file round-trips (a checkpoint with its AdamW moments, a finished training's file
 * without them; version 1 files still read); another task's supernet and a damaged file are
 * one-sentence errors naming the file.
 */
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
  void aCheckpointKeepsTheMomentsAndAFinishedFileLeavesThemOut(@TempDir Path tmp) throws Exception {
    SharedWeights w = weights();
    long trainable = 0;
    for (SharedWeights.Tensor t : w.tensors().values()) {
      if (!t.role().trainable()) continue;
      trainable += t.values.length;
      for (int i = 0; i < t.first.length; i++) {
        t.first[i] = i * 0.25f + 1;
        t.second[i] = i * 0.5f + 2;
      }
    }
    assertTrue(trainable > 0);
    Path checkpoint = tmp.resolve("checkpoint.bin");
    SupernetFile.write(checkpoint, header, w);
    SharedWeights back = SupernetFile.read(checkpoint).weights();
    assertTrue(back.hasOptimizerState());
    w.tensors().forEach((k, t) -> {
      SharedWeights.Tensor b = back.tensors().get(k);
      assertArrayEquals(t.first, b.first, k);
      assertArrayEquals(t.second, b.second, k);
    });

    SupernetHeader finished = header.at(header.steps(), 10, 2.0);
    Path compact = tmp.resolve("finished.bin");
    SupernetFile.write(compact, finished, w);
    long longerHeader = org.edgenas.common.Json.line(finished).length() - org.edgenas.common.Json.line(header).length();
    assertEquals(Files.size(checkpoint) - 8 * trainable + longerHeader, Files.size(compact), "two float32 moments per trainable value left out");
    SupernetFile.Loaded read = SupernetFile.read(compact);
    assertEquals(finished, read.header());
    assertEquals(false, read.weights().hasOptimizerState());
    w.tensors().forEach((k, t) -> assertArrayEquals(t.values(), read.weights().tensors().get(k).values(), k));

    // planned further, the compact supernet trains again: the moments start from zero, and a checkpoint writes them (zeros)
    Path continued = tmp.resolve("continued.bin");
    SupernetFile.write(continued, finished.planned(header.steps() + 5), read.weights());
    assertEquals(Files.size(checkpoint) + longerHeader, Files.size(continued));
    SharedWeights zeros = SupernetFile.read(continued).weights();
    zeros.tensors().values().stream().filter(t -> t.role().trainable())
        .forEach(t -> assertArrayEquals(new float[t.values.length], t.first));
  }

  @Test
  void aVersion1FileIsReadWithItsMoments(@TempDir Path tmp) throws Exception {
    SharedWeights w = weights();
    for (SharedWeights.Tensor t : w.tensors().values()) if (t.first != null) java.util.Arrays.fill(t.first, 0.125f);
    Path file = tmp.resolve("v1.bin");
    writeVersion1(file, header.at(header.steps(), 3, 1.5), w);
    SupernetFile.Loaded back = SupernetFile.read(file);
    assertEquals(header.at(header.steps(), 3, 1.5), back.header());
    assertEquals(header.at(header.steps(), 3, 1.5), SupernetFile.header(file));
    assertTrue(back.weights().hasOptimizerState(), "a version 1 file kept its moments, finished or not");
    w.tensors().forEach((k, t) -> {
      assertArrayEquals(t.values(), back.weights().tensors().get(k).values(), k);
      assertArrayEquals(t.first, back.weights().tensors().get(k).first, k);
    });

    byte[] bytes = Files.readAllBytes(file);
    bytes[SupernetFile.MAGIC.length() + 3] = 3;
    Files.write(file, bytes);
    var e = assertThrows(BadInputException.class, () -> SupernetFile.read(file));
    assertEquals(file + ": supernet format version 3, this edgenas reads versions 1 and 2", e.getMessage());
  }

  /** The version 1 layout as edgenas wrote it before version 2: a flag per tensor, moments for every trainable one. */
  private static void writeVersion1(Path file, SupernetHeader h, SharedWeights w) throws Exception {
    var crc = new java.util.zip.CRC32C();
    try (var raw = Files.newOutputStream(file)) {
      var out = new java.io.DataOutputStream(new java.util.zip.CheckedOutputStream(raw, crc));
      out.write(SupernetFile.MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.writeInt(1);
      out.writeUTF(org.edgenas.common.Json.line(h));
      out.writeInt(w.tensors().size());
      for (var e : w.tensors().entrySet()) {
        SharedWeights.Tensor t = e.getValue();
        out.writeUTF(e.getKey());
        out.writeUTF(t.role().name());
        out.writeInt(t.shape().length);
        for (int d : t.shape()) out.writeInt(d);
        littleEndian(out, t.values);
        out.writeBoolean(t.first != null);
        if (t.first != null) {
          littleEndian(out, t.first);
          littleEndian(out, t.second);
        }
      }
      out.flush();
      out.writeLong(crc.getValue());
      out.flush();
    }
  }

  private static void littleEndian(java.io.DataOutputStream out, float[] v) throws java.io.IOException {
    for (float f : v) out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(f)));
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

  @Test
  void theSamplingRoundTripsIsAbsentForSandwichAndIsChecked(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("s.bin");
    SupernetHeader fair = header.withSampling("fair");
    SupernetFile.write(file, fair, weights());
    assertEquals(fair, SupernetFile.header(file));
    assertEquals("fair", SupernetFile.header(file).at(4, 4, 2.0).planned(12).withDistill(null).sampling());
    String sandwich = org.edgenas.common.Json.line(header);
    assertFalse(sandwich.contains("sampling"), "a sandwich header is written as before the field existed: " + sandwich);
    assertEquals(header, org.edgenas.common.Json.mapper().readValue(sandwich, SupernetHeader.class), "a header without the field: sandwich");
    header.checkSampling("s.bin", null);
    fair.checkSampling("s.bin", "fair");
    var e = assertThrows(BadInputException.class, () -> header.checkSampling("s.bin", "fair"));
    assertTrue(e.getMessage().startsWith("s.bin: the supernet is trained with sampling: sandwich but the profile asks for sampling: fair"),
        e.getMessage());
  }
}
