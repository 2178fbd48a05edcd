package org.edgenas.metrics;

/**
 * Post-processing settings, defaults as Ultralytics {@code val}: keep (box, class) pairs scoring
 * strictly above {@code confidence}, at most {@code maxCandidates} of them by score, suppress same-class
 * boxes overlapping a better one with IoU strictly above {@code iou}, keep {@code maxDetections}.
 * {@code multiLabel}: one box may yield several classes (Ultralytics val does so).
 */
public record NmsSettings(double confidence, double iou, int maxDetections, int maxCandidates, boolean multiLabel) {
  public static final NmsSettings ULTRALYTICS_VAL = new NmsSettings(0.001, 0.7, 300, 30000, true);

  public NmsSettings {
    if (!(confidence >= 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence threshold must be in [0, 1), was " + confidence);
    }
    if (!(iou >= 0 && iou <= 1)) throw new IllegalArgumentException("NMS IoU threshold must be in [0, 1], was " + iou);
    if (maxDetections < 1) throw new IllegalArgumentException("max detections must be >= 1, was " + maxDetections);
    if (maxCandidates < 1) throw new IllegalArgumentException("max NMS candidates must be >= 1, was " + maxCandidates);
  }

  public NmsSettings withConfidence(double value) {
    return new NmsSettings(value, iou, maxDetections, maxCandidates, multiLabel);
  }

  public NmsSettings withIou(double value) {
    return new NmsSettings(confidence, value, maxDetections, maxCandidates, multiLabel);
  }

  public NmsSettings withMaxDetections(int value) {
    return new NmsSettings(confidence, iou, value, maxCandidates, multiLabel);
  }
}
