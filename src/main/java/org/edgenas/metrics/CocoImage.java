package org.edgenas.metrics;

/** A COCO image entry; {@code fileName} may be empty and width/height 0 when the file omits them. */
public record CocoImage(long id, String fileName, int width, int height) {
  public CocoImage {
    fileName = fileName == null ? "" : fileName;
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("image " + id + " size must be >= 0, was " + width + "x" + height);
    }
  }
}
