package org.edgenas.eval;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.data.LabelBox;
import org.edgenas.data.LabeledImage;
import org.edgenas.metrics.Box;
import org.edgenas.metrics.Category;
import org.edgenas.metrics.CocoGroundTruth;
import org.edgenas.metrics.CocoImage;
import org.edgenas.metrics.GroundTruth;

/**
 * A YOLO-format split as a COCO ground truth: image ids 1..N in split order, category id = class
 * index, boxes in source pixels, area = box width × height (YOLO labels have no segmentation),
 * annotation ids from 1 (pycocotools treats a match to id 0 as a false positive).
 */
public final class YoloGroundTruth {
  private YoloGroundTruth() {}

  public static CocoGroundTruth of(List<LabeledImage> images, List<String> names) {
    List<CocoImage> cocoImages = new ArrayList<>();
    List<GroundTruth> annotations = new ArrayList<>();
    long annotationId = 1;
    for (int i = 0; i < images.size(); i++) {
      LabeledImage image = images.get(i);
      long imageId = i + 1;
      cocoImages.add(new CocoImage(imageId, image.path().getFileName().toString(), image.width(), image.height()));
      for (LabelBox b : image.boxes()) {
        double[] xyxy = b.toPixelXyxy(image.width(), image.height());
        Box box = Box.ofCorners(xyxy[0], xyxy[1], xyxy[2], xyxy[3]);
        annotations.add(GroundTruth.of(annotationId++, imageId, b.classId(), box));
      }
    }
    List<Category> categories = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) categories.add(new Category(c, names.get(c)));
    return new CocoGroundTruth(cocoImages, categories, annotations);
  }
}
