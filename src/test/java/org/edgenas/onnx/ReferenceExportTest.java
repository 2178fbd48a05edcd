package org.edgenas.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceExportTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"yolo11n", "yolo11s", "yolo11m", "yolov8n"})
  void referenceExportsRunAndGiveTheNetworkOutputShape(String name) {
    Architecture arch = SpaceLoader.load(Path.of("spaces/reference/" + name + ".yaml")).freeze(new int[0]);
    Network net = arch.lower(160);
    byte[] model = OnnxExporter.export(net, Weights.init(net, 1), ExportOptions.defaults());
    OrtRun out = OrtRun.onImage(model, 160, 3);
    Shape expected = net.shape(net.output());
    assertArrayEquals(new long[] {1, expected.c(), expected.w()}, out.shape());
    for (float v : out.values()) assertTrue(Float.isFinite(v));
    OnnxChecker.assertValid(List.of(TestFiles.write(dir, name + ".onnx", model)));
  }
}
