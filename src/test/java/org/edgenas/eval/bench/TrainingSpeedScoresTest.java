package org.edgenas.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training-speed scores are minus the mean of the later tenths' losses, and become fidelity rows. */
class TrainingSpeedScoresTest {
  @TempDir Path dir;

  private Path curves(String... lines) throws Exception {
    return Files.writeString(dir.resolve("curves.tsv"), String.join("\n", lines) + "\n");
  }

  @Test
  void theScoreIsMinusTheMeanLossOfTheLaterTenthsSoTheFasterFitRanksHigher() throws Exception {
    Path f = curves("aaa\tsteps80\t0\t80\t0.0000\t9\t8\t7\t6\t5\t4\t3\t2\t1\t0",
        "bbb\tsteps80\t0\t80\t0.0000\t9\t9\t9\t9\t9\t2\t2\t2\t2\t2");
    Map<String, Double> half = TrainingSpeedScores.read(f, 6);
    assertEquals(-2.0, half.get("aaa"), 1e-12, "tenths 6-10 of aaa: 4 3 2 1 0");
    assertEquals(-2.0, half.get("bbb"), 1e-12);
    Map<String, Double> all = TrainingSpeedScores.read(f, 1);
    assertEquals(-4.5, all.get("aaa"), 1e-12);
    assertTrue(all.get("aaa") > all.get("bbb"), "over all tenths aaa fitted faster (mean 4.5 against 5.5)");
  }

  @Test
  void aCurveLineWrittenFromATrainingReadsBackAsMinusItsSecondHalfMeanLoss() throws Exception {
    float[] losses = new float[80];
    for (int i = 0; i < 80; i++) losses[i] = 10f - i / 10f; // 10.0 falling to 2.1
    TrainingResult result = new TrainingResult(null, losses, 80, 8, Duration.ofSeconds(1), 0);
    ProxySettings p = EvaluatorProfiles.loadProxy(Path.of("bench/fidelity-variants/steps80.yaml"));
    String line = TrainingSpeedScores.curveLine("aaa", p, 0.0, result);
    assertTrue(line.startsWith("aaa\t" + p.name() + "\t0\t80\t0.0000\t"), line);
    double secondHalf = 0;
    for (int i = 40; i < 80; i++) secondHalf += losses[i];
    assertEquals(-secondHalf / 40, TrainingSpeedScores.read(curves(line), 6).get("aaa"), 1e-4);
    assertEquals(org.edgenas.train.TrainingSpeed.of(losses), TrainingSpeedScores.read(curves(line), 6).get("aaa"), 1e-4,
        "the benchmark's default window is the search's training_speed");
  }

  @Test
  void theRowsKeepTheirArchitectureColumnsAndCarryTheScoreAsTheEstimate() throws Exception {
    Path f = curves("aaa\tsteps80\t0\t80\t0.0000\t9\t8\t7\t6\t5\t4\t3\t2\t1\t0");
    String[] row = {"aaa", "713714", "0.0597", "DSCONV/FASTER/DSCONV/DSCONV", "0.0000", "0.0000", "11.2", "NaN", "NaN", "NaN"};
    List<String> out = TrainingSpeedScores.asFidelityRows(List.of(row, row.clone()), TrainingSpeedScores.read(f, 6), f);
    assertEquals(List.of("aaa\t713714\t0.0597\tDSCONV/FASTER/DSCONV/DSCONV\t-2.0000\tNaN\t11.2\tNaN\tNaN\tNaN"), out);
  }

  @Test
  void aRepeatedArchitectureAShortLineOrACurveWithoutARowIsAClearError() throws Exception {
    Path twice = curves("aaa\ts\t0\t80\t0\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1", "aaa\ts\t1\t80\t0\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSpeedScores.read(twice, 6)).getMessage()
        .contains("line 2: architecture aaa appears twice"));
    Path shortLine = curves("aaa\ts\t0\t80\t0\t1\t1");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSpeedScores.read(shortLine, 6)).getMessage()
        .contains("line 1: expected 15 tab-separated columns"));
    Path one = curves("zzz\ts\t0\t80\t0\t1\t1\t1\t1\t1\t1\t1\t1\t1\t1");
    Map<String, Double> scores = TrainingSpeedScores.read(one, 6);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingSpeedScores.asFidelityRows(List.of(), scores, one))
        .getMessage().contains("zzz has no row"));
    assertThrows(IllegalArgumentException.class, () -> TrainingSpeedScores.read(one, 0));
  }
}
