package org.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compress.bn_recalibration: 8 batches unless the profile says otherwise, 0 turns it off. */
class CompressSettingsTest {
  @TempDir Path dir;

  @Test
  void prunedNetworksAreRecalibratedOnEightBatchesUnlessAsked() throws IOException {
    assertEquals(8, EvaluatorProfiles.load(write("latency: {repeats: 3}\n")).compress().bnRecalibration(), "no compress: section");
    assertEquals(8, EvaluatorProfiles.load(write("compress:\n  finetune_steps: 5\n")).compress().bnRecalibration(), "no key");
    assertEquals(0, EvaluatorProfiles.load(write("compress:\n  bn_recalibration: 0\n")).compress().bnRecalibration());
    CompressSettings c = EvaluatorProfiles.load(write("compress:\n  finetune_steps: 5\n  bn_recalibration: 32\n")).compress();
    assertEquals(32, c.bnRecalibration());
    assertEquals(32, c.withFinetuneSteps(2).withQatSteps(1).withDistill(null).bnRecalibration(), "the with-methods keep it");
    assertEquals(8, new CompressSettings(5, 16).bnRecalibration(), "constructors that do not name it get the default");
    assertEquals(8, CompressSettings.DEFAULT.bnRecalibration());
  }

  @Test
  void badValuesNameFileLineAndField() throws IOException {
    assertMessage("compress:\n  finetune_steps: 5\n  bn_recalibration: -1\n", ":3:", "compress.bn_recalibration must be 0..10000, was -1");
    assertMessage("compress:\n  bn_recalibration: x\n", ":2:", "compress.bn_recalibration");
    assertMessage("compress:\n  bn_recalibration: 10001\n", ":2:", "compress.bn_recalibration must be 0..10000");
  }

  private void assertMessage(String yaml, String line, String expected) throws IOException {
    Path f = write(yaml);
    BadInputException e = assertThrows(BadInputException.class, () -> EvaluatorProfiles.load(f).compress());
    assertTrue(e.getMessage().startsWith(f + line), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private Path write(String yaml) throws IOException {
    Path f = Files.createTempFile(dir, "profile", ".yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
