package org.edgenas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.latency.OrtRuntime;

/** Test helper: runs exported bytes in ONNX Runtime on one input and returns output0. */
record OrtRun(long[] shape, float[] values) {
  static OrtRun run(byte[] model, float[] input, long... inputShape) {
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), inputShape);
          OrtSession.Result result = session.run(Map.of("images", x))) {
        OnnxTensor out = (OnnxTensor) result.get("output0").orElseThrow();
        FloatBuffer buffer = out.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return new OrtRun(out.getInfo().getShape(), values);
      }
    } catch (OrtException e) {
      throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
    }
  }

  /** Runs on a seeded uniform [0,1) image of the given size. */
  static OrtRun onImage(byte[] model, int imgsz, long seed) {
    return run(model, image(imgsz, seed), 1, 3, imgsz, imgsz);
  }

  static float[] image(int imgsz, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[3 * imgsz * imgsz];
    for (int i = 0; i < v.length; i++) v[i] = (float) random.nextDouble();
    return v;
  }
}
