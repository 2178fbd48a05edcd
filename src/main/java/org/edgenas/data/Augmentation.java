package org.edgenas.data;

/**
 * Which light augmentations {@link BatchSampler} applies to training images: horizontal flip
 * (half the images), random scale 0.75..1.25 within the letterbox at a random place, and a colour
 * jitter ({@link ColourJitter#random}).
 */
public record Augmentation(boolean flip, boolean scale, boolean colour) {
  public static final Augmentation NONE = new Augmentation(false, false, false);
  public static final Augmentation LIGHT = new Augmentation(true, true, true);
  public static final double MIN_SCALE = 0.75;
  public static final double MAX_SCALE = 1.25;

  public boolean any() {
    return flip || scale || colour;
  }
}
