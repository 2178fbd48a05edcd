package org.edgenas.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A tiny synthetic detection task drawn in plain Java: 1–3 solid squares per image on uniform
 * noise, class = colour (red, green, blue, yellow), sides 25–45 % of the image.
 */
final class SquaresSource implements BatchSource {
  private static final float[][] COLOURS = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.9f, 0.1f}, {0.1f, 0.1f, 0.9f}, {0.9f, 0.9f, 0.1f}};
  private final int imgsz;

  SquaresSource(int imgsz) {
    this.imgsz = imgsz;
  }

  @Override
  public int imgsz() {
    return imgsz;
  }

  @Override
  public int images() {
    return 1000;
  }

  @Override
  public TrainingBatch next(int batch, SplittableRandom random) {
    int s = imgsz, plane = s * s;
    float[] images = new float[batch * 3 * plane];
    List<List<float[]>> boxes = new ArrayList<>();
    for (int b = 0; b < batch; b++) {
      int base = b * 3 * plane;
      for (int i = 0; i < 3 * plane; i++) images[base + i] = (float) (random.nextDouble() * 0.5);
      List<float[]> objects = new ArrayList<>();
      int count = 1 + random.nextInt(3);
      for (int o = 0; o < count; o++) {
        int side = (int) (s * (0.25 + random.nextDouble() * 0.2));
        int x = random.nextInt(s - side), y = random.nextInt(s - side), cls = random.nextInt(COLOURS.length);
        for (int c = 0; c < 3; c++) {
          for (int yy = y; yy < y + side; yy++) {
            for (int xx = x; xx < x + side; xx++) images[base + c * plane + yy * s + xx] = COLOURS[cls][c];
          }
        }
        objects.add(new float[] {x, y, x + side, y + side, cls});
      }
      boxes.add(objects);
    }
    return new TrainingBatch(s, images, boxes);
  }
}
