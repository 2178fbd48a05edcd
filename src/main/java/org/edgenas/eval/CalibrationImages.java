package org.edgenas.eval;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.data.ImageCache;
import org.edgenas.data.LabeledImage;
import org.edgenas.data.Letterbox;

/** The images int8 activations are calibrated on: the first training images, letterboxed as the model sees them. */
public final class CalibrationImages {
  private CalibrationImages() {}

  /** The first {@code n} (at most all) of {@code train}, letterboxed to {@code imgsz} as float CHW. */
  public static List<float[]> of(List<LabeledImage> train, ImageCache cache, int imgsz, int n) {
    List<float[]> images = new ArrayList<>();
    for (int i = 0; i < Math.min(n, train.size()); i++) {
      var decoded = cache.get(train.get(i).path());
      images.add(Letterbox.fit(decoded.width(), decoded.height(), imgsz).apply(decoded.rgb()));
    }
    return images;
  }
}
