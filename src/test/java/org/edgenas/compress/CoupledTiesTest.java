package org.edgenas.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Shape;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/**
 * Tied channel groups whose counts no single tensor fixes but the tensors together do: a
 * repeated ShuffleV2 stage ties every channel of its output to several others, and a following
 * ADown splits that output in half through the middle of one tied group. Candidate e38a5436 of a
 * yolo-lite search (8 classes, imgsz 96) failed with "cannot tell how many of its tied channels
 * to keep" at s4.m.0.b1.pw although its s4 is not pruned at all.
 */
class CoupledTiesTest {
  private static final int[] E38A5436 = {1, 0, 2, 0, 1, 0, 1, 0, 2, 2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 3, 1, 2, 0, 1, 5, 0,
      0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1};

  @Test
  void shuffleStageSplitInHalfByADownPrunesAndItsOnnxRuns() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"));
    Architecture arch = space.freeze(E38A5436, 8);
    assertEquals("e38a5436b039890e", arch.hash(), "the recorded candidate");
    ChannelPrunerShapeTest.assertPrunesExactly(arch.uncompressed(), arch, 96);
    Network parent = arch.uncompressed().lower(96);
    Network pruned = arch.lower(96);
    PrunedWeights p = ChannelPruner.prune(parent, TinyNets.trainedLike(parent, 5), pruned, Importance.L1_BN_SCALED);
    // s4 is not pruned: every one of its convolutions keeps all its channels, in order
    p.keptChannels().forEach((name, kept) -> {
      if (name.startsWith("s4.")) {
        for (int i = 0; i < kept.length; i++) assertEquals(i, kept[i], name);
      }
    });
    Shape out = pruned.shape(pruned.output());
    float[] y = runOnnx(OnnxExporter.export(pruned, p.weights(), ExportOptions.defaults().withBits(32)), 96, new long[] {1, out.c(), out.w()});
    for (float v : y) assertTrue(Float.isFinite(v));
  }

  static float[] runOnnx(byte[] model, int imgsz, long[] shape) {
    OrtEnvironment env = OrtRuntime.environment();
    float[] image = new float[3 * imgsz * imgsz];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < image.length; i++) image[i] = (float) random.nextDouble();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, imgsz, imgsz});
          OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT, x))) {
        OnnxTensor out = (OnnxTensor) result.get(OnnxExporter.OUTPUT).orElseThrow();
        assertArrayEquals(shape, out.getInfo().getShape());
        FloatBuffer buffer = out.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
      }
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
    }
  }
}
