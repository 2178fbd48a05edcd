package org.edgenas.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Builds small YOLO datasets in a test folder: data.yaml, PNG images, label files. */
final class DatasetFixture {
  final Path root;

  DatasetFixture(Path root) {
    this.root = root;
  }

  /** A clean two-split dataset with classes a, b, c, d: two images per split, one box each. */
  static DatasetFixture clean(Path root) throws IOException {
    DatasetFixture f = new DatasetFixture(root);
    f.yaml("path: " + root + "\ntrain: images/train\nval: images/val\nnames: [a, b, c, d]\n");
    for (String split : new String[] {"train", "val"}) {
      for (int i = 1; i <= 2; i++) f.image(split, "img" + i + ".png", 32, 24).label(split, "img" + i + ".txt", i + " 0.5 0.5 0.25 0.5\n");
    }
    return f;
  }

  Path yaml(String text) throws IOException {
    Path yaml = root.resolve("data.yaml");
    Files.writeString(yaml, text);
    return yaml;
  }

  Path dataYaml() {
    return root.resolve("data.yaml");
  }

  DatasetFixture image(String split, String name, int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 7) << 16 | (y * 9) << 8 | 40);
    Path file = root.resolve("images").resolve(split).resolve(name);
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
    return this;
  }

  DatasetFixture file(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return this;
  }

  DatasetFixture label(String split, String name, String text) throws IOException {
    return file("labels/" + split + "/" + name, text);
  }
}
