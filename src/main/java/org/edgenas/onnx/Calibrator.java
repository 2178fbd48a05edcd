package org.edgenas.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.common.BadInputException;
import org.edgenas.latency.OrtRuntime;

/**
 * The calibration pass for int8 layers: runs the float32 model, whose taps are extra graph
 * outputs, in ONNX Runtime (one intra-op thread, so the ranges and hence the file are
 * reproducible) over the calibration images, and keeps each tap's min and max.
 */
final class Calibrator {
  /** Size of the synthetic set used when no images are given. */
  static final int SYNTHETIC_IMAGES = 8;
  private static final String GRAPH_INPUT = OnnxExporter.INPUT;

  private Calibrator() {}

  /** The images to calibrate with: the given ones (checked against the size), or the seeded synthetic set. */
  static List<float[]> images(ExportOptions options, int imgsz) {
    int size = 3 * imgsz * imgsz;
    if (!options.calibrationImages().isEmpty()) {
      for (int i = 0; i < options.calibrationImages().size(); i++) {
        int length = options.calibrationImages().get(i).length;
        if (length != size) {
          throw new BadInputException("calibration image " + i + " has " + length + " values, expected 3x" + imgsz + "x" + imgsz + " = " + size);
        }
      }
      return options.calibrationImages();
    }
    SplittableRandom random = new SplittableRandom(options.seed());
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < SYNTHETIC_IMAGES; i++) {
      float[] image = new float[size];
      for (int j = 0; j < size; j++) image[j] = (float) random.nextDouble();
      out.add(image);
    }
    return out;
  }

  /** Runs the model (taps as outputs) over the images; returns key → {min, max}. */
  static Map<String, float[]> ranges(byte[] model, Map<String, String> taps, List<float[]> images, int imgsz) {
    OrtEnvironment env = OrtRuntime.environment();
    Map<String, float[]> ranges = new LinkedHashMap<>();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
      try (OrtSession session = env.createSession(model, options)) {
        for (float[] image : images) {
          try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(image), new long[] {1, 3, imgsz, imgsz});
              OrtSession.Result result = session.run(Map.of(GRAPH_INPUT, input), outputs(taps))) {
            for (var tap : taps.entrySet()) {
              FloatBuffer values = tap.getValue().equals(GRAPH_INPUT)
                  ? FloatBuffer.wrap(image)
                  : ((OnnxTensor) result.get(tap.getValue()).orElseThrow()).getFloatBuffer();
              update(ranges.computeIfAbsent(tap.getKey(), k -> new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}), values);
            }
          }
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("calibration run in ONNX Runtime failed: " + e.getMessage(), e);
    }
    return ranges;
  }

  /** The tensors to fetch: every tap but the graph input itself. */
  static Set<String> outputs(Map<String, String> taps) {
    Set<String> out = new LinkedHashSet<>(taps.values());
    out.remove(GRAPH_INPUT);
    return out;
  }

  private static void update(float[] range, FloatBuffer values) {
    while (values.hasRemaining()) {
      float v = values.get();
      if (v < range[0]) range[0] = v;
      if (v > range[1]) range[1] = v;
    }
  }
}
