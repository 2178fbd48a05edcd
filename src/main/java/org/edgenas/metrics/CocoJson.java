package org.edgenas.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/**
 * COCO JSON files: a ground-truth instances file (images, annotations with bbox, area and iscrowd,
 * categories) and a results file (a list of {image_id, category_id, bbox, score}). A bad file is a
 * {@link BadInputException} naming the file and the field, e.g.
 * {@code gt.json: annotations[3].bbox must be 4 numbers, was 3}.
 */
public final class CocoJson {
  private CocoJson() {}

  /** Reads a ground-truth instances file; {@code iscrowd} defaults to 0, {@code area} is required. */
  public static CocoGroundTruth readGroundTruth(Path file) {
    JsonFields f = new JsonFields(file);
    JsonNode root = f.object(f.parse(file), "top level");
    List<CocoImage> images = new ArrayList<>();
    Set<Long> imageIds = new HashSet<>();
    f.eachObject(root, "images", (node, field) -> {
      long id = f.unique(imageIds, f.integer(node, field, "id"), field);
      int width = node.has("width") ? f.smallInteger(node, field, "width") : 0;
      int height = node.has("height") ? f.smallInteger(node, field, "height") : 0;
      if (width < 0 || height < 0) throw f.bad(field, "width and height must be >= 0, was " + width + "x" + height);
      images.add(new CocoImage(id, node.path("file_name").asText(""), width, height));
    });
    List<Category> categories = new ArrayList<>();
    Set<Integer> categoryIds = new HashSet<>();
    f.eachObject(root, "categories", (node, field) -> {
      int id = f.unique(categoryIds, f.smallInteger(node, field, "id"), field);
      categories.add(new Category(id, node.path("name").asText(String.valueOf(id))));
    });
    List<GroundTruth> annotations = new ArrayList<>();
    f.eachObject(root, "annotations", (node, field) -> {
      long id = f.integer(node, field, "id");
      long imageId = f.integer(node, field, "image_id");
      if (!imageIds.contains(imageId)) throw f.bad(field + ".image_id", imageId + " is not in images");
      int categoryId = f.smallInteger(node, field, "category_id");
      if (!categoryIds.contains(categoryId)) {
        throw f.bad(field + ".category_id", categoryId + " is not in categories");
      }
      Box box = f.box(node, field);
      double area = f.number(node, field, "area");
      if (area < 0) throw f.bad(field + ".area", "must be >= 0, was " + area);
      long crowd = node.has("iscrowd") ? f.integer(node, field, "iscrowd") : 0;
      if (crowd != 0 && crowd != 1) throw f.bad(field + ".iscrowd", "must be 0 or 1, was " + crowd);
      annotations.add(new GroundTruth(id, imageId, categoryId, box, area, crowd == 1));
    });
    return new CocoGroundTruth(images, categories, annotations);
  }

  /**
   * Reads a results file. As in pycocotools' {@code loadRes}, every image id must be an image of
   * {@code gt}; categories are not checked (the evaluator leaves unknown ones out).
   */
  public static List<Detection> readDetections(Path file, CocoGroundTruth gt) {
    JsonFields f = new JsonFields(file);
    JsonNode list = f.array(f.parse(file), "top level");
    Set<Long> imageIds = gt.imageIds();
    List<Detection> detections = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      String field = "[" + i + "]";
      JsonNode node = f.object(list.get(i), field);
      long imageId = f.integer(node, field, "image_id");
      if (!imageIds.contains(imageId)) {
        throw f.bad(field + ".image_id", imageId + " is not an image of the ground truth (results must match the ground-truth images)");
      }
      int categoryId = f.smallInteger(node, field, "category_id");
      detections.add(new Detection(imageId, categoryId, f.box(node, field), f.number(node, field, "score")));
    }
    return detections;
  }

  /** Writes detections as a COCO results file (atomically). */
  public static void writeDetections(Path file, List<Detection> detections) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (Detection d : detections) {
      ObjectNode node = list.addObject();
      node.put("image_id", d.imageId());
      node.put("category_id", d.categoryId());
      ArrayNode bbox = node.putArray("bbox");
      bbox.add(d.box().x()).add(d.box().y()).add(d.box().w()).add(d.box().h());
      node.put("score", d.score());
    }
    AtomicFiles.writeString(file, Json.line(list) + "\n");
  }
}
