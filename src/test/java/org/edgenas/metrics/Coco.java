package org.edgenas.metrics;

import java.util.List;
import java.util.stream.IntStream;

/** Short builders for hand-made COCO cases. */
final class Coco {
  /** {@code 1/(1+eps)}: pycocotools' precision after one true positive and no false positive. */
  static final double P1 = 1 / (1 + Math.ulp(1.0));

  private Coco() {}

  static GroundTruth gt(long id, long image, int category, double x, double y, double w, double h) {
    return GroundTruth.of(id, image, category, new Box(x, y, w, h));
  }

  static GroundTruth gtWithArea(long id, long image, int category, double x, double y, double w, double h, double area) {
    return new GroundTruth(id, image, category, new Box(x, y, w, h), area, false);
  }

  static GroundTruth crowd(long id, long image, int category, double x, double y, double w, double h) {
    return new GroundTruth(id, image, category, new Box(x, y, w, h), w * h, true);
  }

  static Detection det(long image, int category, double x, double y, double w, double h, double score) {
    return new Detection(image, category, new Box(x, y, w, h), score);
  }

  /** Ground truth over the given images with categories 1..categories named c1, c2, ... */
  static CocoGroundTruth truth(List<Long> images, int categories, GroundTruth... annotations) {
    List<Category> cats = IntStream.rangeClosed(1, categories).mapToObj(i -> new Category(i, "c" + i)).toList();
    return CocoGroundTruth.of(images, cats, List.of(annotations));
  }

  static CocoMetrics eval(CocoGroundTruth truth, Detection... detections) {
    return CocoEvaluator.evaluate(truth, List.of(detections));
  }
}
