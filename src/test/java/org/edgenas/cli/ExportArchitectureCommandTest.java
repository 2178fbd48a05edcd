package org.edgenas.cli;

import static org.edgenas.cli.MainTest.runCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.latency.LocalOrtProbe;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportArchitectureCommandTest {
  @TempDir Path dir;

  @Test
  void exportsAReferenceThatTheProbeCanMeasure() throws Exception {
    Path out = dir.resolve("n.onnx");
    String text = runCapture(0, "export", "spaces/reference/yolo11n.yaml", "--out", out.toString(), "--imgsz", "64",
        "--nc", "3", "--bits", "16", "--seed", "7", "--opset", "13")[0];
    assertTrue(text.startsWith("wrote " + out + ": yolo11n (hash "), text);
    ModelProto m = ModelProto.parseFrom(Files.readAllBytes(out));
    assertEquals(13, m.getOpsetImport(0).getVersion());
    assertEquals("yolo11n", m.getMetadataPropsList().stream().filter(e -> e.getKey().equals("edgenas.architecture"))
        .findFirst().orElseThrow().getValue());
    MeasurementProtocol quick = MeasurementProtocol.DEFAULT.with(Field.WARMUP_ITERATIONS, 1)
        .with(Field.WARMUP_MIN_SECONDS, 0).with(Field.REPEATS, 3).with(Field.INTRA_OP_THREADS, 1);
    assertEquals(java.util.List.of(1L, 3L, 64L, 64L), new LocalOrtProbe(quick).measure(out).inputShape());
  }

  @Test
  void aSpaceWithChoicesSaysItUsedTheDefaultPicksOrTheSeed() {
    String text = runCapture(0, "export", "spaces/tiny.yaml", "--out", dir.resolve("t.onnx").toString())[0];
    assertTrue(text.startsWith("spaces/tiny.yaml has 9 choices: used the default picks"), text);
    text = runCapture(0, "export", "spaces/tiny.yaml", "--out", dir.resolve("t2.onnx").toString(), "--pick-seed", "3", "--nms")[0];
    assertTrue(text.startsWith("spaces/tiny.yaml has 9 choices: sampled the picks with --pick-seed 3"), text);
  }

  @Test
  void unsupportedBitWidthIsOneSentenceAndExitTwo() {
    String err = runCapture(2, "export", "spaces/tiny.yaml", "--out", dir.resolve("x.onnx").toString(), "--bits", "4")[1];
    assertEquals("edgenas: --bits must be 32, 16 or 8, was 4", err.strip());
    assertTrue(Files.notExists(dir.resolve("x.onnx")));
  }

  @Test
  void missingArchitectureFileExitsTwo() {
    String err = runCapture(2, "export", dir.resolve("none.yaml").toString(), "--out", dir.resolve("x.onnx").toString())[1];
    assertEquals("edgenas: " + dir.resolve("none.yaml") + ": no such file", err.strip());
  }

  @Test
  void benchOfAYamlExportsThenPrintsTheStatisticsTable() {
    String out = runCapture(0, "bench", "spaces/tiny.yaml", "--imgsz", "64", "--threads", "1", "--warmup", "1",
        "--warmup-seconds", "0", "--repeats", "4")[0];
    assertTrue(out.contains("used the default picks"), out);
    assertTrue(out.contains("images float [1,3,64,64]") && out.contains("median ms"), out);
  }
}
