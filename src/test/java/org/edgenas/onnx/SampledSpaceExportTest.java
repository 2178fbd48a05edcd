package org.edgenas.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Shape;
import org.edgenas.arch.Weights;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 seeded samples of spaces/yolo-lite.yaml (each with its own per-stage bit widths, so float16
 * and int8 layers mix) at imgsz 64, opsets cycling 13..21: each exports, runs in ONNX Runtime with
 * the Network's output shape and finite values, and the opset ≤ 17 files pass the ONNX checker.
 */
class SampledSpaceExportTest {
  private static final int SAMPLES = 200;
  private static final int IMGSZ = 64;

  @TempDir Path dir;

  @Test
  void twoHundredSampledArchitecturesExportRunAndPassTheChecker() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 3);
    SplittableRandom random = new SplittableRandom(2024);
    List<Path> checkable = new ArrayList<>();
    int[] precisions = new int[3];
    for (int i = 0; i < SAMPLES; i++) {
      Architecture arch = space.freeze(space.samplePicks(random));
      Network net = arch.lower(IMGSZ);
      int opset = ExportOptions.MIN_OPSET + i % (ExportOptions.MAX_OPSET - ExportOptions.MIN_OPSET + 1);
      byte[] model = OnnxExporter.export(net, Weights.init(net, i), ExportOptions.defaults().withOpset(opset).withSeed(i));
      OrtRun out = OrtRun.onImage(model, IMGSZ, i);
      Shape expected = net.shape(net.output());
      String what = "sample " + i + " " + arch.provenance();
      assertArrayEquals(new long[] {1, expected.c(), expected.w()}, out.shape(), what);
      for (float v : out.values()) assertTrue(Float.isFinite(v), what);
      arch.layers().forEach(l -> precisions[l.bits() == 32 ? 0 : l.bits() == 16 ? 1 : 2]++);
      if (opset <= 17) checkable.add(TestFiles.write(dir, "sample" + i + ".onnx", model));
    }
    assertTrue(precisions[1] > 0 && precisions[2] > 0, "the samples mix float16 and int8 layers");
    OnnxChecker.assertValid(checkable);
  }
}
