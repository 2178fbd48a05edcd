package org.edgenas.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A COCO ground-truth set: images, categories and annotations. Image and category ids are unique
 * and every annotation refers to a listed image and category.
 */
public record CocoGroundTruth(List<CocoImage> images, List<Category> categories, List<GroundTruth> annotations) {
  public CocoGroundTruth {
    images = List.copyOf(images);
    categories = List.copyOf(categories);
    annotations = List.copyOf(annotations);
    Set<Long> imageIds = new HashSet<>();
    for (CocoImage image : images) {
      if (!imageIds.add(image.id())) throw new IllegalArgumentException("image id " + image.id() + " is listed twice");
    }
    Set<Integer> categoryIds = new HashSet<>();
    for (Category category : categories) {
      if (!categoryIds.add(category.id())) {
        throw new IllegalArgumentException("category id " + category.id() + " is listed twice");
      }
    }
    for (GroundTruth gt : annotations) {
      if (!imageIds.contains(gt.imageId())) {
        throw new IllegalArgumentException("annotation " + gt.id() + " refers to image " + gt.imageId() + ", which is not listed");
      }
      if (!categoryIds.contains(gt.categoryId())) {
        throw new IllegalArgumentException(
            "annotation " + gt.id() + " refers to category " + gt.categoryId() + ", which is not listed");
      }
    }
  }

  /** A set whose images and categories are exactly those the annotations mention (for tests and tools). */
  public static CocoGroundTruth of(List<Long> imageIds, List<Category> categories, List<GroundTruth> annotations) {
    return new CocoGroundTruth(imageIds.stream().map(id -> new CocoImage(id, "", 0, 0)).toList(), categories, annotations);
  }

  /** The image ids, for membership tests. */
  public Set<Long> imageIds() {
    return images.stream().map(CocoImage::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Image ids in ascending order (pycocotools' {@code sorted(getImgIds())}). */
  public long[] sortedImageIds() {
    return images.stream().mapToLong(CocoImage::id).sorted().toArray();
  }

  /** Categories in ascending id order (pycocotools' {@code sorted(getCatIds())}). */
  public List<Category> sortedCategories() {
    return categories.stream().sorted(java.util.Comparator.comparingInt(Category::id)).toList();
  }
}
