package org.edgenas.eval;

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
