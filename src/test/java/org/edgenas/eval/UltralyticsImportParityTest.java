package org.edgenas.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.common.Json;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.train.DjlNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stand-in Ultralytics exports (PyTorch, BatchNorm folded, seeded random weights and
 * statistics) imported onto spaces/reference: edgenas's DJL inference and its own ONNX re-export
 * run in ONNX Runtime both reproduce PyTorch's output on the fixed input (sum and three anchor
 * columns) within 1e-4 relative, and every tensor of the file is transferred.
 */
class UltralyticsImportParityTest {
  static final Path STAND_INS = Path.of("src/test/resources/ultralytics-onnx");

  @ParameterizedTest
  @ValueSource(strings = {"yolo11n", "yolov8n"})
  void importedWeightsReproducePyTorchInDjlAndInTheReExport(String model) throws Exception {
    JsonNode expected = Json.mapper().readTree(STAND_INS.resolve(model + ".expected.json").toFile());
    int size = expected.get("imgsz").asInt();
    Architecture arch = ArchitectureFile.load(Path.of("spaces/reference/" + model + ".yaml"), expected.get("nc").asInt(), null).architecture();
    Network net = arch.lower(size);
    ImportedWeights imported = CheckpointImport.fit(OnnxCheckpointReader.read(STAND_INS.resolve(model + ".onnx")), net, Weights.init(net, 1));
    assertEquals(imported.total(), imported.transferred().size(), imported.summary());
    assertTrue(imported.fresh().isEmpty(), imported.summary());
    float[] image = fixedInput(size);
    float[] djl;
    try (NDManager manager = NDManager.newBaseManager(); DjlNetwork network = DjlNetwork.create(manager, net, imported.weights())) {
      djl = network.infer(manager.create(image, new ai.djl.ndarray.types.Shape(1, 3, size, size))).toFloatArray();
    }
    assertMatches(model + " DJL", expected, djl);
    byte[] onnx = OnnxExporter.export(net, imported.weights(), ExportOptions.defaults().withBits(32));
    assertMatches(model + " re-export in ONNX Runtime", expected, ort(onnx, image, size));
  }

  /** x[c,i,j] = (sin(0.05·i + 0.3·c)·cos(0.07·j) + 1)/2, as the stand-ins' expected outputs were made. */
  static float[] fixedInput(int size) {
    float[] x = new float[3 * size * size];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) x[(c * size + i) * size + j] = (float) ((Math.sin(0.05 * i + 0.3 * c) * Math.cos(0.07 * j) + 1) / 2);
      }
    }
    return x;
  }

  static void assertMatches(String what, JsonNode expected, float[] out) {
    int rows = expected.get("output_shape").get(1).asInt();
    int anchors = expected.get("output_shape").get(2).asInt();
    assertEquals(rows * anchors, out.length, what + ": output size");
    double sum = 0;
    for (float v : out) sum += v;
    double want = expected.get("output_sum").asDouble();
    assertTrue(Math.abs(sum - want) <= 1e-4 * Math.abs(want), what + ": sum " + sum + " vs PyTorch " + want);
    Map<String, Integer> columns = Map.of("first_anchor", 0, "anchor_1000", 1000, "last_anchor", anchors - 1);
    for (var e : columns.entrySet()) {
      JsonNode column = expected.get(e.getKey());
      for (int r = 0; r < rows; r++) {
        double a = out[r * anchors + e.getValue()];
        double b = column.get(r).asDouble();
        assertTrue(Math.abs(a - b) <= 1e-4 * Math.abs(b), what + ": " + e.getKey() + " row " + r + " is " + a + ", PyTorch " + b);
      }
    }
  }

  static float[] ort(byte[] onnx, float[] image, int size) throws Exception {
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, size, size});
        OrtSession.Result result = session.run(Map.of("images", input))) {
      FloatBuffer b = ((OnnxTensor) result.get(0)).getFloatBuffer();
      float[] v = new float[b.remaining()];
      b.get(v);
      return v;
    }
  }
}
