package org.edgenas.eval;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.data.ImageCache;
import org.edgenas.data.LabeledImage;
import org.edgenas.data.Letterbox;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.metrics.CocoEvaluator;
import org.edgenas.metrics.CocoGroundTruth;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.Detection;
import org.edgenas.metrics.DetectionDecoder;
import org.edgenas.metrics.NmsSettings;

/**
 * Scores a deployed model: runs the ONNX file in ONNX Runtime over a split (letterboxed to the
 * model's input size), decodes its [1, 4+nc, anchors] output with class-aware NMS, and computes
 * COCO mAP against the split's labels. This is the accuracy edgenas reports for a candidate.
 */
public final class OnnxValidator {
  /** The detections and metrics of one validation pass. */
  public record Result(CocoMetrics metrics, List<Detection> detections, CocoGroundTruth groundTruth, int imgsz, double seconds) {}

  private final NmsSettings nms;
  private final int threads;

  public OnnxValidator(NmsSettings nms, int threads) {
    this.nms = nms;
    this.threads = threads;
  }

  public Result evaluate(Path onnx, List<LabeledImage> images, List<String> names) {
    if (!Files.isRegularFile(onnx)) throw new BadInputException(onnx + ": no such file");
    long t0 = System.nanoTime();
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      try (OrtSession session = env.createSession(onnx.toString(), options)) {
        String input = session.getInputNames().iterator().next();
        int size = inputSize(onnx, session.getInputInfo().get(input));
        CocoGroundTruth gt = YoloGroundTruth.of(images, names);
        DetectionDecoder decoder = new DetectionDecoder(nms, List.of());
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
          LabeledImage image = images.get(i);
          ImageCache.Decoded decoded = ImageCache.decode(image.path());
          Letterbox lb = Letterbox.fit(decoded.width(), decoded.height(), size);
          float[] pixels = lb.apply(decoded.rgb());
          try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, size, size});
              OrtSession.Result result = session.run(Map.of(input, tensor))) {
            float[][][] out = (float[][][]) result.get(0).getValue();
            detections.addAll(decoder.decode(out[0], i + 1, new org.edgenas.metrics.Letterbox(lb.scale(), lb.padX(), lb.padY()),
                decoded.width(), decoded.height()));
          }
        }
        CocoMetrics metrics = CocoEvaluator.evaluate(gt, detections);
        return new Result(metrics, detections, gt, size, (System.nanoTime() - t0) / 1e9);
      }
    } catch (OrtException e) {
      throw new BadInputException(onnx + ": ONNX Runtime cannot run it (" + e.getMessage() + ")", e);
    }
  }

  private static int inputSize(Path onnx, NodeInfo info) {
    if (info.getInfo() instanceof TensorInfo t) {
      long[] s = t.getShape();
      if (s.length == 4 && s[1] == 3 && s[2] > 0 && s[2] == s[3]) return (int) s[2];
    }
    throw new BadInputException(onnx + ": input must be a square image tensor [1,3,S,S], was " + info.getInfo());
  }
}
