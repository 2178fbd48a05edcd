package org.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.edgenas.common.BadInputException;
import org.edgenas.eval.TrainingKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init: FILE} in an evaluator profile: relative to the profile's folder, a missing file is
 * an error at the profile's file:line, and the checkpoint's bytes (not only its name) are part of
 * the training key that keys parents and cached answers.
 */
class InitSettingsTest {
  private static final String PROXY = "proxy: {imgsz: 64, steps: 4, batch: 4, seed: 0, lr0: 0.01, lrf: 0.01, warmup_steps: 1,"
      + " warmup_bias_lr: 0.1, momentum: 0.937, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1}\n";

  @Test
  void theCheckpointIsRelativeToTheProfileAndItsBytesKeyTheTraining(@TempDir Path dir) throws Exception {
    Path profiles = Files.createDirectories(dir.resolve("evaluators"));
    Path ckpt = Files.write(Files.createDirectories(dir.resolve("checkpoints")).resolve("c.onnx"), new byte[] {1, 2, 3});
    Path file = Files.writeString(profiles.resolve("p.yaml"), PROXY + "init: ../checkpoints/c.onnx\n");
    EvaluatorProfile p = EvaluatorProfiles.load(file);
    assertEquals(ckpt.toAbsolutePath().normalize(), p.init().file());
    assertEquals("../checkpoints/c.onnx", p.init().written());
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3})), p.init().sha256());
    String before = TrainingKeys.profileHash(p, 64);
    Files.write(ckpt, new byte[] {1, 2, 4}); // same profile text, another checkpoint under the same name
    String after = TrainingKeys.profileHash(EvaluatorProfiles.load(file), 64);
    assertNotEquals(before, after, "a changed checkpoint must not reuse parents or answers");
    Path plain = Files.writeString(profiles.resolve("q.yaml"), PROXY);
    EvaluatorProfile without = EvaluatorProfiles.load(plain);
    assertNull(without.init());
    assertNotEquals(TrainingKeys.profileHash(without, 64), before);
  }

  @Test
  void aMissingCheckpointIsAnErrorAtTheProfilesLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("p.yaml"), PROXY + "init: nowhere.onnx\n");
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(file));
    assertTrue(e.getMessage().startsWith(file + ":2: init: checkpoint nowhere.onnx does not exist"), e.getMessage());
  }
}
