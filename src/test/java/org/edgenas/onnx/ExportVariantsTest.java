package org.edgenas.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.common.BadInputException;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/** Bit widths, opsets, NMS, determinism and metadata on real architectures. */
class ExportVariantsTest {
  private static final Architecture YOLO11N = SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml")).freeze(new int[0]);

  private static ModelProto parse(byte[] model) throws Exception {
    return ModelProto.parseFrom(model);
  }

  private static Map<String, String> metadata(ModelProto m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.getMetadataPropsList().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static long count(ModelProto m, String opType) {
    return m.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter(opType::equals).count();
  }

  @Test
  void yolo11nAt640RunsWithTheUltralyticsOutputShape() {
    Network net = YOLO11N.lower(640);
    OrtRun out = OrtRun.onImage(OnnxExporter.export(net, Weights.init(net, 0), ExportOptions.defaults()), 640, 1);
    assertArrayEquals(new long[] {1, 84, 8400}, out.shape());
  }

  @Test
  void float16AndInt8VariantsRunAndStayCloseToFloat() throws Exception {
    Network net = YOLO11N.lower(96);
    Weights w = Weights.init(net, 4);
    float[] image = OrtRun.image(96, 9);
    float[] reference = OrtRun.run(OnnxExporter.export(net, w, ExportOptions.defaults()), image, 1, 3, 96, 96).values();
    for (int bits : new int[] {16, 8}) {
      byte[] model = OnnxExporter.export(net, w, ExportOptions.defaults().withBits(bits));
      ModelProto proto = parse(model);
      OrtRun out = OrtRun.run(model, image, 1, 3, 96, 96);
      assertArrayEquals(new long[] {1, 84, 189}, out.shape());
      double maxBoxError = 0;
      for (int i = 0; i < 4 * 189; i++) maxBoxError = Math.max(maxBoxError, Math.abs(out.values()[i] - reference[i]));
      assertTrue(maxBoxError < (bits == 16 ? 0.5 : 12), bits + " bits: box coordinates off by " + maxBoxError + " px");
      if (bits == 16) {
        assertTrue(count(proto, "Cast") >= 2 && count(proto, "QuantizeLinear") == 0, "float16: Casts at the boundaries");
      } else {
        assertTrue(count(proto, "QuantizeLinear") > 0 && count(proto, "DequantizeLinear") > count(proto, "QuantizeLinear"));
        assertTrue(metadata(proto).get("edgenas.calibration").startsWith("synthetic: 8 seeded uniform [0,1) images"));
      }
    }
  }

  @Test
  void givenCalibrationImagesAreUsedAndCounted() throws Exception {
    Network net = YOLO11N.lower(64);
    List<float[]> images = List.of(OrtRun.image(64, 1), OrtRun.image(64, 2));
    byte[] model = OnnxExporter.export(net, Weights.init(net, 0), ExportOptions.defaults().withBits(8).withCalibrationImages(images));
    assertEquals("2 calibration images given", metadata(parse(model)).get("edgenas.calibration"));
    assertThrows(BadInputException.class, () -> OnnxExporter.export(net, Weights.init(net, 0),
        ExportOptions.defaults().withBits(8).withCalibrationImages(List.of(new float[10]))));
  }

  @Test
  void everyOpsetFrom13To21LoadsAndRuns() throws Exception {
    Network net = YOLO11N.lower(64);
    Weights w = Weights.init(net, 0);
    for (int opset = 13; opset <= 21; opset++) {
      byte[] model = OnnxExporter.export(net, w, ExportOptions.defaults().withOpset(opset));
      assertEquals(opset, parse(model).getOpsetImport(0).getVersion());
      assertEquals(opset <= 18 ? 8 : opset <= 20 ? 9 : 10, parse(model).getIrVersion());
      assertArrayEquals(new long[] {1, 84, 84}, OrtRun.onImage(model, 64, 0).shape());
    }
  }

  @Test
  void nmsEndGivesRowsOfBoxScoreClass() {
    Network net = YOLO11N.lower(64);
    byte[] model = OnnxExporter.export(net, Weights.init(net, 0), ExportOptions.defaults().withNms(true));
    OrtRun out = OrtRun.onImage(model, 64, 0);
    assertEquals(2, out.shape().length);
    assertEquals(6, out.shape()[1]);
    for (int r = 0; r < out.shape()[0]; r++) {
      float[] row = java.util.Arrays.copyOfRange(out.values(), 6 * r, 6 * r + 6);
      assertTrue(row[0] <= row[2] && row[1] <= row[3] && row[4] >= 0.25f && row[5] >= 0 && row[5] < 80, java.util.Arrays.toString(row));
    }
  }

  @Test
  void sameInputsGiveByteIdenticalFilesWithProvenance() throws Exception {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"));
    int[] picks = space.samplePicks(new java.util.SplittableRandom(5));
    Architecture arch = space.freeze(picks);
    Network net = arch.lower(64);
    ExportOptions options = ExportOptions.defaults().withSeed(5).withNames(List.of("a", "b's"));
    byte[] first = OnnxExporter.export(net, Weights.init(net, 5), options);
    byte[] second = OnnxExporter.export(space.freeze(picks).lower(64), Weights.init(net, 5), options);
    assertArrayEquals(first, second);
    assertFalse(java.util.Arrays.equals(first, OnnxExporter.export(net, Weights.init(net, 6), options)));
    Map<String, String> m = metadata(parse(first));
    assertEquals(arch.hash(), m.get("edgenas.architecture_hash"));
    assertEquals("spaces/yolo-lite.yaml", m.get("edgenas.provenance.space"));
    assertEquals(arch.provenance().get("choice." + space.choices().get(0).label()),
        m.get("edgenas.provenance.choice." + space.choices().get(0).label()));
    assertEquals("5", m.get("edgenas.seed"));
    assertEquals("detect", m.get("task"));
    assertEquals("32", m.get("stride"));
    assertEquals("{0: 'a', 1: 'b\\'s'}", m.get("names"));
    assertTrue(m.get("edgenas.export_options").startsWith("opset=17 ir=8 bits=per-layer nms=off seed=5"));
    assertTrue(m.containsKey("edgenas.version"));
  }

  @Test
  void unsupportedBitWidthAndOpsetAreBadInput() {
    assertEquals("--bits must be 32, 16 or 8, was 4",
        assertThrows(BadInputException.class, () -> ExportOptions.defaults().withBits(4)).getMessage());
    assertEquals("--bits must be 32, 16 or 8, was 12",
        assertThrows(BadInputException.class, () -> ExportOptions.defaults().withBits(12)).getMessage());
    assertEquals("--opset must be 13..21, was 12",
        assertThrows(BadInputException.class, () -> ExportOptions.defaults().withOpset(12)).getMessage());
  }
}
