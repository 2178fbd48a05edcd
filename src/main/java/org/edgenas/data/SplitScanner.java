package org.edgenas.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds the images of a split and scans each one: image header (size), label file, rows. Shared
 * by {@link DatasetChecker} (which reports everything) and {@link YoloDataset} (which keeps what
 * is good).
 */
final class SplitScanner {
  static final Set<String> IMAGE_EXTENSIONS = Set.of("bmp", "gif", "jpeg", "jpg", "png", "tif", "tiff", "webp");

  /** One scanned image: size (0 when unreadable), its good boxes, and the problems found. */
  record Scanned(Path image, int width, int height, List<LabelBox> boxes, List<Problem> problems) {
    boolean hasError() {
      return problems.stream().anyMatch(Problem::isError);
    }
  }

  private final DatasetSpec spec;

  SplitScanner(DatasetSpec spec) {
    this.spec = spec;
  }

  /** The images of a split, sorted; listed-but-missing images go to {@code problems}. */
  List<Path> listImages(String split, List<Problem> problems) {
    List<Path> images = new ArrayList<>();
    for (Path source : spec.splits().get(split)) {
      if (Files.isDirectory(source)) {
        try (Stream<Path> walk = Files.walk(source)) {
          walk.filter(Files::isRegularFile).filter(p -> IMAGE_EXTENSIONS.contains(extension(p))).sorted().forEach(images::add);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + source + ": " + e.getMessage(), e);
        }
        continue;
      }
      List<String> lines = readLines(source);
      for (int i = 0; i < lines.size(); i++) {
        String entry = lines.get(i).strip();
        if (entry.isEmpty()) continue;
        Path image = source.getParent().resolve(entry).normalize();
        if (Files.isRegularFile(image)) {
          images.add(image);
        } else {
          problems.add(new Problem(ProblemKind.MISSING_IMAGE, split,
              spec.display(source) + ":" + (i + 1) + ": image " + entry + " does not exist"));
        }
      }
    }
    return images;
  }

  /** Scans one image and its label file. */
  Scanned scan(String split, Path image) {
    List<Problem> problems = new ArrayList<>();
    int[] size = imageSize(image);
    if (size == null) {
      problems.add(new Problem(ProblemKind.UNREADABLE_IMAGE, split, spec.display(image) + ": not a readable image (no PNG/JPEG/BMP/GIF/TIFF data)"));
      size = new int[] {0, 0};
    }
    Path label = labelPathFor(image);
    List<LabelBox> boxes = List.of();
    String shown = spec.display(label);
    if (!Files.isRegularFile(label)) {
      problems.add(new Problem(ProblemKind.MISSING_LABEL, split, shown + ": no label file for " + spec.display(image)));
    } else {
      String text = readText(label);
      if (text.isBlank()) {
        problems.add(new Problem(ProblemKind.EMPTY_LABEL, split, shown + ": label file is empty"));
      } else {
        boxes = LabelFile.parse(text, shown, spec.classCount(), (kind, msg) -> problems.add(new Problem(kind, split, msg)));
      }
    }
    return new Scanned(image, size[0], size[1], boxes, problems);
  }

  /** Ultralytics' rule: the last {@code /images/} segment becomes {@code /labels/}, the extension {@code .txt}. */
  static Path labelPathFor(Path image) {
    String s = image.toString();
    String sep = image.getFileSystem().getSeparator();
    String from = sep + "images" + sep;
    int at = s.lastIndexOf(from);
    if (at >= 0) s = s.substring(0, at) + sep + "labels" + sep + s.substring(at + from.length());
    int dot = s.lastIndexOf('.');
    int slash = s.lastIndexOf(sep);
    return Path.of((dot > slash ? s.substring(0, dot) : s) + ".txt");
  }

  /** Width and height from the image header, or null when no ImageIO reader accepts the file. */
  static int[] imageSize(Path image) {
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      if (in == null) return null;
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) return null;
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String extension(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static List<String> readLines(Path file) {
    return readText(file).lines().toList();
  }

  /** The file as UTF-8 text; undecodable bytes become replacement characters (then bad values). */
  private static String readText(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
