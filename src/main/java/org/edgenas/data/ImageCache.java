package org.edgenas.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.edgenas.common.BadInputException;

/**
 * Decodes images (javax.imageio) to 0xRRGGBB pixels and keeps them in memory up to a byte
 * budget: a small dataset is decoded once; past the budget, images are decoded on every use.
 * Safe for concurrent use.
 */
public final class ImageCache {
  /** A decoded image: width, height and 0xRRGGBB pixels row by row. */
  public record Decoded(int width, int height, int[] rgb) {
    public Decoded {
      if (rgb.length != width * height) throw new IllegalArgumentException("pixel count " + rgb.length + " is not " + width + "x" + height);
    }
  }

  /** The default budget: 1 GiB of decoded pixels. */
  public static final long DEFAULT_BUDGET_BYTES = 1L << 30;

  private final long budgetBytes;
  private final AtomicLong usedBytes = new AtomicLong();
  private final ConcurrentHashMap<Path, Decoded> cache = new ConcurrentHashMap<>();

  public ImageCache(long budgetBytes) {
    if (budgetBytes < 0) throw new IllegalArgumentException("cache budget must be >= 0 bytes, was " + budgetBytes);
    this.budgetBytes = budgetBytes;
  }

  public ImageCache() {
    this(DEFAULT_BUDGET_BYTES);
  }

  /** The decoded image, from the cache when it is there. */
  public Decoded get(Path image) {
    Decoded hit = cache.get(image);
    if (hit != null) return hit;
    Decoded decoded = decode(image);
    long bytes = 4L * decoded.rgb().length;
    if (usedBytes.addAndGet(bytes) <= budgetBytes) {
      Decoded raced = cache.putIfAbsent(image, decoded);
      if (raced != null) usedBytes.addAndGet(-bytes);
    } else {
      usedBytes.addAndGet(-bytes);
    }
    return decoded;
  }

  /** How many images are held. */
  public int size() {
    return cache.size();
  }

  /** Decodes one image file. */
  public static Decoded decode(Path image) {
    BufferedImage img;
    try {
      img = ImageIO.read(image.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + image + ": " + e.getMessage(), e);
    }
    if (img == null) throw new BadInputException(image + ": not a readable image (no PNG/JPEG/BMP/GIF/TIFF data)");
    int w = img.getWidth();
    int h = img.getHeight();
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < rgb.length; i++) rgb[i] &= 0xFFFFFF;
    return new Decoded(w, h, rgb);
  }
}
