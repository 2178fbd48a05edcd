package org.edgenas.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.common.BadInputException;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint that does not fit is one sentence naming the file and the first tensor that does
 * not fit: a truncated file, a file of another architecture, a file with one tensor of the wrong shape.
 */
class CheckpointImportErrorsTest {
  static final Path STAND_INS = Path.of("src/test/resources/ultralytics-onnx");

  @TempDir Path dir;

  static Network reference(String name, int nc) {
    return ArchitectureFile.load(Path.of("spaces/reference/" + name + ".yaml"), nc, null).architecture().lower(320);
  }

  static BadInputException importFails(Path file, Network net) {
    return assertThrows(BadInputException.class, () -> CheckpointImport.fit(OnnxCheckpointReader.read(file), net, Weights.init(net, 1)));
  }

  static void assertOneSentence(String message, Path file) {
    assertTrue(message.startsWith(file.toString() + ": "), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void aTruncatedFileNamesTheTensorItCutsThrough() throws Exception {
    byte[] whole = Files.readAllBytes(STAND_INS.resolve("yolo11n.onnx"));
    Path cut = Files.write(dir.resolve("yolo11n-cut.onnx"), Arrays.copyOf(whole, whole.length * 3 / 5));
    String message = importFails(cut, reference("yolo11n", 80)).getMessage();
    assertOneSentence(message, cut);
    // the initializer whose serialized bytes (found in the whole file) span the cut
    ModelProto model = ModelProto.parseFrom(whole);
    String expected = null;
    for (TensorProto t : model.getGraph().getInitializerList()) {
      byte[] head = Arrays.copyOf(t.toByteArray(), 48);
      int start = indexOf(whole, head);
      if (start <= whole.length * 3 / 5 && whole.length * 3 / 5 < start + t.getSerializedSize()) expected = t.getName();
    }
    assertTrue(message.contains("truncated") && message.contains("tensor " + expected + " is incomplete"), message + " / " + expected);
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) if (data[i + j] != pattern[j]) continue outer;
      return i;
    }
    return -1;
  }

  @Test
  void aFileOfAnotherArchitectureNamesTheFirstTensorThatDoesNotFit() {
    Path v8 = STAND_INS.resolve("yolov8n.onnx");
    String message = importFails(v8, reference("yolo11n", 80)).getMessage();
    assertOneSentence(message, v8);
    assertTrue(message.contains("tensor model.2.m.0.cv1.conv.weight is [16, 16, 3, 3]") && message.contains("needs [8, 16, 3, 3]")
        && message.contains("layer b2 (C3k2"), message);
    Path v11 = STAND_INS.resolve("yolo11n.onnx");
    String back = importFails(v11, reference("yolov8n", 80)).getMessage();
    assertTrue(back.contains("tensor model.2.m.0.cv1.conv.weight is [8, 16, 3, 3]"), back);
  }

  @Test
  void oneTensorOfTheWrongShapeIsNamed() throws Exception {
    ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(STAND_INS.resolve("yolo11n.onnx"))).toBuilder();
    var graph = model.getGraphBuilder();
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      if (graph.getInitializer(i).getName().equals("model.4.m.0.cv1.conv.weight")) {
        graph.setInitializer(i, graph.getInitializer(i).toBuilder().clearDims().addAllDims(java.util.List.of(32L, 16L, 3L, 3L)));
      }
    }
    Path bad = Files.write(dir.resolve("yolo11n-reshaped.onnx"), model.build().toByteArray());
    String message = importFails(bad, reference("yolo11n", 80)).getMessage();
    assertOneSentence(message, bad);
    assertTrue(message.contains("tensor model.4.m.0.cv1.conv.weight is [32, 16, 3, 3]") && message.contains("needs [16, 32, 3, 3]"), message);
  }

  @Test
  void aFileWithoutWeightsIsRefused() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.onnx"), "not a model at all\n");
    BadInputException e = assertThrows(BadInputException.class, () -> OnnxCheckpointReader.read(text));
    assertOneSentence(e.getMessage(), text);
    assertEquals(1, e.getMessage().split("\\. ").length, e.getMessage());
  }
}
