package org.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistillSettingsTest {
  private static Path profile(Path dir, String compress) throws Exception {
    return Files.writeString(dir.resolve("p.yaml"), "latency:\n  repeats: 10\n  max_cv: 0.2\ncompress:\n  finetune_steps: 5\n" + compress);
  }

  @Test
  void referenceTeacherWithDefaults(@TempDir Path dir) throws Exception {
    CompressSettings c = EvaluatorProfiles.load(profile(dir, "  distill: {teacher: yolo11n, weight: 0.5}\n")).compress();
    assertEquals("yolo11n", c.distill().teacher());
    assertTrue(c.distill().teacherFile().endsWith(Path.of("spaces/reference/yolo11n.yaml")), c.distill().teacherFile().toString());
    assertEquals(0.5, c.distill().weight());
    assertEquals(2.0, c.distill().temperature());
    assertEquals(5, c.finetuneSteps());
    assertNull(EvaluatorProfiles.load(profile(dir, "")).compress().distill());
  }

  @Test
  void architectureFileTeacher(@TempDir Path dir) throws Exception {
    Files.copy(Path.of("spaces/reference/yolov8n.yaml"), dir.resolve("mine.yaml"));
    CompressSettings c = EvaluatorProfiles.load(profile(dir, "  distill:\n    teacher: mine.yaml\n    temperature: 4\n")).compress();
    assertEquals(dir.resolve("mine.yaml").toAbsolutePath(), c.distill().teacherFile().toAbsolutePath());
    assertEquals(4.0, c.distill().temperature());
  }

  @Test
  void badTeacherNameIsReportedAtItsLine(@TempDir Path dir) throws Exception {
    Path p = profile(dir, "  distill:\n    teacher: yolo99x\n");
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(p).compress());
    assertTrue(e.getMessage().startsWith(p + ":7: compress.distill.teacher yolo99x"), e.getMessage());
  }

  @Test
  void badFieldsAreReported(@TempDir Path dir) throws Exception {
    Path neg = profile(dir, "  distill: {teacher: yolo11n, temperature: -1}\n");
    assertTrue(assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(neg).compress()).getMessage()
        .contains(":6: compress.distill.temperature must be 0.1..100.0, was -1"));
    Path unknown = profile(dir, "  distill: {teacher: yolo11n, alpha: 1}\n");
    assertTrue(assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(unknown).compress()).getMessage()
        .contains(":6: unknown key 'compress.distill.alpha'; allowed: teacher, weight, temperature"));
  }
}
