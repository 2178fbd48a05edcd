package org.edgenas.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one image's raw YOLO output in the Ultralytics export layout, {@code [4 + nc][anchors]}
 * (rows cx, cy, w, h in input pixels, then one sigmoid score per class), into detections in the
 * original image's pixels: confidence filter, class-aware {@link Nms}, letterbox undone, boxes
 * clipped to the image, as Ultralytics {@code non_max_suppression} + {@code scale_boxes}.
 */
public final class DetectionDecoder {
  private final NmsSettings settings;
  private final List<Integer> categoryIds;

  /**
   * @param categoryIds the COCO category id of each class index (e.g. COCO's 80→91 map), or empty
   *     to use the class index itself
   */
  public DetectionDecoder(NmsSettings settings, List<Integer> categoryIds) {
    this.settings = settings;
    this.categoryIds = List.copyOf(categoryIds);
  }

  /** Decodes {@code output[row][anchor]} for image {@code imageId} of {@code width x height} pixels. */
  public List<Detection> decode(float[][] output, long imageId, Letterbox letterbox, int width, int height) {
    if (output.length < 5) {
      throw new IllegalArgumentException("model output must have 4 + nc >= 5 rows, was " + output.length);
    }
    int anchors = output[0].length;
    float[] flat = new float[output.length * anchors];
    for (int r = 0; r < output.length; r++) {
      if (output[r].length != anchors) {
        throw new IllegalArgumentException("model output row " + r + " has " + output[r].length + " anchors, row 0 has " + anchors);
      }
      System.arraycopy(output[r], 0, flat, r * anchors, anchors);
    }
    return decode(flat, output.length, anchors, imageId, letterbox, width, height);
  }

  /** As {@link #decode(float[][], long, Letterbox, int, int)} on a row-major {@code [rows][anchors]} array. */
  public List<Detection> decode(float[] output, int rows, int anchors, long imageId, Letterbox letterbox, int width, int height) {
    int classes = rows - 4;
    if (classes < 1 || (long) rows * anchors != output.length) {
      throw new IllegalArgumentException("model output must be [4 + nc][anchors] with nc >= 1, was "
          + output.length + " values for " + rows + "x" + anchors);
    }
    if (!categoryIds.isEmpty() && categoryIds.size() != classes) {
      throw new IllegalArgumentException("model has " + classes + " classes but " + categoryIds.size() + " category ids were given");
    }
    if (width <= 0 || height <= 0) throw new IllegalArgumentException("image size must be > 0, was " + width + "x" + height);
    List<Nms.Candidate> candidates = bestCandidates(output, classes, anchors);
    List<Detection> detections = new ArrayList<>();
    for (Nms.Candidate c : Nms.suppress(candidates, settings.iou(), settings.maxDetections())) {
      double x1 = clip(letterbox.toOriginalX(c.x1()), width);
      double y1 = clip(letterbox.toOriginalY(c.y1()), height);
      double x2 = clip(letterbox.toOriginalX(c.x2()), width);
      double y2 = clip(letterbox.toOriginalY(c.y2()), height);
      int category = categoryIds.isEmpty() ? c.classIndex() : categoryIds.get(c.classIndex());
      detections.add(new Detection(imageId, category, Box.ofCorners(x1, y1, Math.max(x1, x2), Math.max(y1, y2)), c.score()));
    }
    return detections;
  }

  /**
   * The (anchor, class) pairs passing the score filter, best first (ties in anchor, then class order),
   * at most {@code maxCandidates}. The filter compares in float32, as torch compares a float tensor
   * with a Python float: 0.001f is not above 0.001. Sorting packed primitive keys keeps an untrained
   * model's hundreds of thousands of pairs cheap.
   */
  private List<Nms.Candidate> bestCandidates(float[] out, int classes, int anchors) {
    float confidence = (float) settings.confidence();
    long[] keys = new long[Math.min(anchors * classes, 1 << 16)];
    int n = 0;
    for (int a = 0; a < anchors; a++) {
      int best = 0;
      for (int k = 1; k < classes; k++) if (out[(4 + k) * anchors + a] > out[(4 + best) * anchors + a]) best = k;
      if (!(out[(4 + best) * anchors + a] > confidence)) continue;
      for (int k = 0; k < classes; k++) {
        float s = out[(4 + k) * anchors + a];
        if (settings.multiLabel() ? s > confidence : k == best) {
          if (n == keys.length) keys = java.util.Arrays.copyOf(keys, keys.length * 2);
          // a positive float's bits order like its value: descending score, then ascending pair index
          keys[n++] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(s)) << 32) | (a * classes + k);
        }
      }
    }
    java.util.Arrays.sort(keys, 0, n);
    List<Nms.Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < Math.min(n, settings.maxCandidates()); i++) {
      int pair = (int) keys[i];
      int a = pair / classes;
      int k = pair % classes;
      float cx = out[a];
      float cy = out[anchors + a];
      float halfW = out[2 * anchors + a] / 2;
      float halfH = out[3 * anchors + a] / 2;
      candidates.add(new Nms.Candidate(cx - halfW, cy - halfH, cx + halfW, cy + halfH, out[(4 + k) * anchors + a], k));
    }
    return candidates;
  }

  private static double clip(double v, int limit) {
    return Math.min(Math.max(v, 0), limit);
  }
}
