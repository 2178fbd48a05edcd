package org.edgenas.eval;

import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingKeysTest {
  @TempDir Path dir;

  @Test
  void profileHashFollowsTheTextAndTheImageSizeAndTheAnswerKeyTheMasterSeed() throws Exception {
    Path profile = Files.writeString(dir.resolve("p.yaml"), "compress: {finetune_steps: 10}\n");
    String h = TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96);
    assertEquals(16, h.length());
    assertEquals(h, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96));
    assertNotEquals(h, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 128));
    assertEquals(TrainingKeys.withSeed(h, 1), TrainingKeys.withSeed(h, 1));
    assertNotEquals(TrainingKeys.withSeed(h, 1), TrainingKeys.withSeed(h, 2), "another master seed, another cached answer");
    Files.writeString(profile, "compress: {finetune_steps: 11}\n");
    assertNotEquals(h, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96));
  }

  @Test
  void profileHashFollowsTheEffectiveSettingsWhereTheTextLeavesADefault() throws Exception {
    Path profile = Files.writeString(dir.resolve("p.yaml"), "compress: {finetune_steps: 10}\n");
    EvaluatorProfile now = EvaluatorProfiles.load(profile);
    assertEquals(CompressSettings.DEFAULT_BN_RECALIBRATION, now.compress().bnRecalibration());
    // the same text as read before compress.bn_recalibration existed (no recalibration): other answers, another key
    EvaluatorProfile before = new EvaluatorProfile(now.name(), now.file(), now.digest(), now.proxy(),
        now.compress().withBnRecalibration(0), now.latency(), now.supernet(), now.init());
    assertNotEquals(TrainingKeys.profileHash(now, 96), TrainingKeys.profileHash(before, 96));
    assertEquals(TrainingKeys.profileHash(now, 96), TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96));
  }

  @Test
  void theSameProfileInAnotherFolderKeepsItsKey() throws Exception {
    String text = "compress: {finetune_steps: 2, distill: {teacher: yolo11n}}\n";
    String[] keys = new String[2];
    for (int i = 0; i < 2; i++) {
      Path root = dir.resolve("copy" + i);
      Files.createDirectories(root.resolve("spaces/reference"));
      Files.copy(Path.of("spaces/reference/yolo11n.yaml"), root.resolve("spaces/reference/yolo11n.yaml"));
      Path profile = Files.writeString(Files.createDirectories(root.resolve("evaluators")).resolve("p.yaml"), text);
      EvaluatorProfile p = EvaluatorProfiles.load(profile);
      assertEquals(root.resolve("spaces/reference/yolo11n.yaml").toAbsolutePath().normalize(),
          p.compress().distill().teacherFile().toAbsolutePath().normalize());
      keys[i] = TrainingKeys.profileHash(p, 96);
    }
    assertEquals(keys[0], keys[1], "a resumed run reads its inputs/ copy: the answers cached under the original still hit");
  }

  @Test
  void theInitReferencesAndTheDistillTeacherKeyTheTrainingByTheirBytes() throws Exception {
    Path root = dir.resolve("project");
    Path refs = Files.createDirectories(root.resolve("spaces/reference"));
    Path reference = Files.copy(Path.of("spaces/reference/yolo11n.yaml"), refs.resolve("yolo11n.yaml"));
    Files.write(Files.createDirectories(root.resolve("checkpoints")).resolve("c.onnx"), new byte[] {1, 2, 3});
    Path profile = Files.writeString(Files.createDirectories(root.resolve("evaluators")).resolve("p.yaml"),
        "init: ../checkpoints/c.onnx\ncompress: {finetune_steps: 2, distill: {teacher: yolo11n}}\n");
    EvaluatorProfile p = EvaluatorProfiles.load(profile);
    assertEquals(List.of(reference.toAbsolutePath().normalize()),
        p.init().references().stream().map(r -> r.toAbsolutePath().normalize()).toList());
    String before = TrainingKeys.profileHash(p, 96);
    assertEquals(before, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96));
    // the same names, other bytes (a worker's own copy of spaces/reference that differs): another key
    Files.writeString(reference, Files.readString(reference) + "# edited\n");
    assertNotEquals(before, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96),
        "a changed reference architecture (also the distill teacher here) must not reuse answers");
    Path teacher = Files.copy(Path.of("spaces/reference/yolo11n.yaml"), root.resolve("evaluators/teacher.yaml"));
    Files.writeString(profile, "init: ../checkpoints/c.onnx\ncompress: {finetune_steps: 2, distill: {teacher: teacher.yaml}}\n");
    String withTeacher = TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96);
    Files.writeString(teacher, Files.readString(teacher) + "# edited\n");
    assertNotEquals(withTeacher, TrainingKeys.profileHash(EvaluatorProfiles.load(profile), 96),
        "a changed teacher architecture under the same name must not reuse answers");
  }

  @Test
  void datasetFingerprintChangesWhenATrainingLabelGainsABox() throws Exception {
    Path yaml = SyntheticDataset.generate(dir.resolve("synth"), new SynthOptions(2, 4, 2, 64, 0));
    String before = TrainingKeys.datasetFingerprint(yaml, YoloDataset.load(yaml, BadEntryPolicy.FAIL));
    assertEquals(before, TrainingKeys.datasetFingerprint(yaml, YoloDataset.load(yaml, BadEntryPolicy.FAIL)));
    Path label;
    try (var files = Files.walk(dir.resolve("synth"))) {
      label = files.filter(f -> f.toString().contains("train") && f.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
    }
    Files.write(label, List.of("0 0.5 0.5 0.2 0.2"), java.nio.file.StandardOpenOption.APPEND);
    assertNotEquals(before, TrainingKeys.datasetFingerprint(yaml, YoloDataset.load(yaml, BadEntryPolicy.FAIL)));
  }
}
