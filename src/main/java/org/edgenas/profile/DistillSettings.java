package org.edgenas.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code compress.distill:} block of an evaluator profile:
 * {@code distill: {teacher: yolo11n, weight: 1.0, temperature: 2.0}}. The teacher is a reference
 * name ({@code spaces/reference/<name>.yaml} beside the profile's folder or under the working
 * directory) or the path of an architecture yaml (relative to the profile's folder); it is
 * proxy-trained once with the same profile and cached as a parent. A search records the file in
 * {@code run.json} ({@code ExternalFiles}): a resumed run reads that file, not one its copy of the
 * profile would resolve.
 *
 * @param teacher the name as written
 * @param teacherFile the architecture yaml it resolves to
 * @param weight gain of the distillation term (default 1)
 * @param temperature softening temperature (default 2)
 */
public record DistillSettings(String teacher, Path teacherFile, double weight, double temperature) {
  static final String KEY = CompressSettings.BLOCK_KEY + ".distill";

  /**
   * {@code located}, when not null, is the teacher's architecture file instead of where the name as
   * written resolves (a resumed run: the file its first start read).
   */
  static DistillSettings parse(YamlDoc doc, Node block, Path profileFile, Path located) {
    Map<String, Node> f = doc.fields(block, KEY, List.of("teacher", "weight", "temperature"));
    if (!f.containsKey("teacher")) throw doc.error(block, KEY + ".teacher is missing (a reference name such as yolo11n or an architecture yaml)");
    Node tn = f.get("teacher");
    String teacher = doc.string(tn, KEY + ".teacher");
    Path file = located != null ? located : resolve(teacher, profileFile);
    if (located != null && !Files.isRegularFile(located)) {
      throw doc.error(tn, KEY + ".teacher " + teacher + " is not at " + located);
    }
    if (file == null) {
      throw doc.error(tn, KEY + ".teacher " + teacher + " is neither a reference (no spaces/reference/" + teacher
          + ".yaml) nor an architecture yaml file (expected e.g. yolo11n, yolo11s, yolov8n or a path)");
    }
    double weight = f.containsKey("weight") ? doc.number(f.get("weight"), KEY + ".weight", 1e-6, 100) : 1.0;
    double temperature = f.containsKey("temperature") ? doc.number(f.get("temperature"), KEY + ".temperature", 0.1, 100) : 2.0;
    return new DistillSettings(teacher, file, weight, temperature);
  }

  private static Path resolve(String teacher, Path profileFile) {
    Path dir = profileFile.toAbsolutePath().getParent();
    if (teacher.matches("[A-Za-z0-9_.-]+") && !teacher.endsWith(".yaml")) {
      for (Path root : List.of(dir.getParent() == null ? dir : dir.getParent(), dir, Path.of(""))) {
        Path p = root.resolve("spaces/reference").resolve(teacher + ".yaml");
        if (Files.isRegularFile(p)) return p;
      }
      return null;
    }
    for (Path p : List.of(dir.resolve(teacher), Path.of(teacher))) {
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  /** How the method string names the distillation. */
  public String describe(String teacherHash) {
    return String.format(java.util.Locale.ROOT, ", distilled from teacher %s (%s, weight %s, T %s)", teacher, teacherHash,
        weight, temperature);
  }
}
