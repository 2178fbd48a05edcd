package org.edgenas.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.edgenas.common.Sha256;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code init:} key of an evaluator profile: {@code init: checkpoints/yolo11n.onnx}, a
 * checkpoint (an Ultralytics ONNX export or edgenas's own) that every proxy training starts from,
 * a candidate inheriting the layers that match the checkpoint's reference architecture. The path
 * is relative to the profile's folder; the file's SHA-256 is part of every training key.
 *
 * @param written the path as written
 * @param file the checkpoint it resolves to
 * @param sha256 64 hex digits of the file's bytes
 * @param references the reference architectures ({@code spaces/reference/*.yaml} beside the
 *     profile's folder or under the working directory) the checkpoint may be of
 */
public record InitSettings(String written, Path file, String sha256, List<Path> references) {
  public static final String KEY = "init";

  public InitSettings {
    references = List.copyOf(references);
  }

  /**
   * {@code located}, when not null, is where the checkpoint is instead of where the path as written
   * resolves; {@code locatedReferences}, when not null, are the reference architectures instead of
   * those found beside the profile (a resumed run: the files its first start read).
   */
  static InitSettings parse(YamlDoc doc, Node node, Path profileFile, Path located, List<Path> locatedReferences) {
    String written = doc.string(node, KEY);
    Path dir = profileFile.toAbsolutePath().getParent();
    Path file = located != null ? located.toAbsolutePath().normalize() : dir.resolve(written).normalize();
    if (!Files.isRegularFile(file)) {
      if (located != null) throw doc.error(node, KEY + ": checkpoint " + written + " is not at " + file);
      throw doc.error(node, KEY + ": checkpoint " + written + " does not exist (resolved against the profile's folder to " + file + ")");
    }
    return new InitSettings(written, file, Sha256.hex(file), locatedReferences != null ? locatedReferences : references(dir));
  }

  private static List<Path> references(Path dir) {
    for (Path root : List.of(dir.getParent() == null ? dir : dir.getParent(), dir, Path.of("").toAbsolutePath())) {
      Path refs = root.resolve("spaces/reference");
      if (!Files.isDirectory(refs)) continue;
      try (Stream<Path> s = Files.list(refs)) {
        List<Path> out = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList());
        if (!out.isEmpty()) return out;
      } catch (IOException e) {
        // try the next root
      }
    }
    return List.of();
  }
}
