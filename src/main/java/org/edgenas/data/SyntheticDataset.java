package org.edgenas.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.edgenas.common.BadInputException;

/**
 * The built-in synthetic detection dataset, written in the Ultralytics layout: {@code data.yaml},
 * {@code images/{train,val}/NNNNN.png}, {@code labels/{train,val}/NNNNN.txt}. Deterministic: the
 * same {@link SynthOptions} give byte-identical files (each image draws from its own {@link
 * SplittableRandom} split off the seed's in a fixed order). {@code data.yaml} has no {@code path},
 * so the root is its own folder and the dataset can be moved.
 */
public final class SyntheticDataset {
  /** The generator version; part of {@link SynthOptions#cacheKey()}. */
  public static final String VERSION = "g1";
  private static final String HEADER = "# edgenas synthetic dataset";

  private SyntheticDataset() {}

  /** Writes the dataset into {@code out} and returns its {@code data.yaml}. */
  public static Path generate(Path out, SynthOptions opts) {
    prepare(out);
    SplittableRandom root = new SplittableRandom(opts.seed());
    writeSplit(out, DatasetSpec.TRAIN, opts.train(), opts, root);
    writeSplit(out, DatasetSpec.VAL, opts.val(), opts, root);
    StringBuilder yaml = new StringBuilder(HEADER).append(" (").append(VERSION).append(", classes ").append(opts.classes())
        .append(", train ").append(opts.train()).append(", val ").append(opts.val()).append(", imgsz ")
        .append(opts.imageSize()).append(", seed ").append(opts.seed()).append(")\n")
        .append("# no 'path': the dataset root is this file's folder\n")
        .append("train: images/train\nval: images/val\nnc: ").append(opts.classes()).append("\nnames:\n");
    for (int c = 0; c < opts.classes(); c++) yaml.append("  ").append(c).append(": ").append(SynthShape.values()[c].label()).append('\n');
    Path dataYaml = out.resolve("data.yaml");
    write(dataYaml, yaml.toString().getBytes(StandardCharsets.UTF_8));
    return dataYaml;
  }

  /**
   * The dataset for {@code opts} under {@code cacheDir}, generated on first use (into a temporary
   * folder moved into place, so a half-written dataset is never used); returns its {@code data.yaml}.
   */
  public static Path ensureBuiltin(Path cacheDir, SynthOptions opts) {
    Path target = cacheDir.resolve(opts.cacheKey());
    Path dataYaml = target.resolve("data.yaml");
    if (Files.isRegularFile(dataYaml)) return dataYaml;
    try {
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempDirectory(cacheDir, "." + opts.cacheKey() + "-");
      try {
        generate(tmp, opts);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // another process finished first (Linux says ENOTEMPTY, a plain FileSystemException): use its copy
        if (!Files.isRegularFile(dataYaml)) throw e;
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the synthetic dataset in " + target + ": " + e.getMessage(), e);
    }
    return dataYaml;
  }

  /**
   * The default cache folder for built-in datasets: {@code $EDGENAS_CACHE/datasets}, else {@code
   * $XDG_CACHE_HOME/edgenas/datasets}, else {@code ~/.cache/edgenas/datasets} (as the launcher).
   */
  public static Path defaultCacheDir() {
    String edgenas = System.getenv("EDGENAS_CACHE");
    if (edgenas != null && !edgenas.isBlank()) return Path.of(edgenas, "datasets");
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("edgenas").resolve("datasets");
  }

  /** The class names of a synthetic dataset with {@code classes} classes. */
  public static List<String> classNames(int classes) {
    return Stream.of(SynthShape.values()).limit(classes).map(SynthShape::label).toList();
  }

  private static void writeSplit(Path out, String split, int count, SynthOptions opts, SplittableRandom root) {
    List<SplittableRandom> rngs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) rngs.add(root.split());
    IntStream.range(0, count).parallel().forEach(i -> {
      SynthRenderer.Rendered r = SynthRenderer.render(opts.imageSize(), opts.classes(), rngs.get(i));
      String name = String.format("%05d", i);
      write(out.resolve("images").resolve(split).resolve(name + ".png"), png(r));
      StringBuilder rows = new StringBuilder();
      for (LabelBox b : r.boxes()) rows.append(b.toRow()).append('\n');
      write(out.resolve("labels").resolve(split).resolve(name + ".txt"), rows.toString().getBytes(StandardCharsets.UTF_8));
    });
  }

  static byte[] png(SynthRenderer.Rendered r) {
    BufferedImage image = new BufferedImage(r.size(), r.size(), BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, r.size(), r.size(), r.rgb(), 0, r.size());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Creates the folders; clears an earlier synthetic dataset there, refuses to overwrite anything else. */
  private static void prepare(Path out) {
    Path yaml = out.resolve("data.yaml");
    boolean ours = false;
    try {
      ours = Files.isRegularFile(yaml) && Files.readString(yaml).startsWith(HEADER);
    } catch (IOException e) {
      ours = false;
    }
    for (String part : List.of("images/train", "images/val", "labels/train", "labels/val")) {
      Path dir = out.resolve(part);
      if (ours) deleteTree(dir);
      try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
        if (entries.findAny().isPresent()) {
          throw new BadInputException(dir + " is not empty and " + yaml + " is not an edgenas synthetic dataset: choose an empty --out folder");
        }
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
