package org.edgenas.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SurrogateSelectorTest {
  // 0: sure and poor, 1: likely better than the best, 2: sure and poor, 3: very uncertain, 4: mildly uncertain
  private final List<Prediction> predictions = List.of(
      new Prediction(0.20, 0.001), new Prediction(0.42, 0.02), new Prediction(0.25, 0.001),
      new Prediction(0.10, 0.20), new Prediction(0.30, 0.03));

  @Test
  void picksTheHighExpectedImprovementThenTheMostUncertain() {
    List<SurrogateSelector.Pick> picks = new SurrogateSelector(0.5, 0).byExpectedImprovement(predictions, 0.40, 2);
    assertEquals(List.of(1, 3), picks.stream().map(SurrogateSelector.Pick::index).toList());
    assertTrue(picks.get(0).reason().startsWith("expected improvement"), picks.get(0).reason());
    assertTrue(picks.get(1).reason().startsWith("most uncertain"), picks.get(1).reason());
  }

  @Test
  void aBudgetOfOneGoesToTheBestExpectedImprovementAndZeroPicksNothing() {
    SurrogateSelector selector = new SurrogateSelector(0.5, 0);
    assertEquals(List.of(1), selector.byExpectedImprovement(predictions, 0.40, 1).stream().map(SurrogateSelector.Pick::index).toList());
    assertEquals(List.of(), selector.byExpectedImprovement(predictions, 0.40, 0));
  }

  @Test
  void expectedGainPrefersTheCandidateThatWouldExtendTheFront() {
    // the gain function: only accuracy above 0.35 adds to the front, linearly
    SurrogateSelector.FrontGain gain = (i, accuracy) -> Math.max(0, accuracy - 0.35);
    List<SurrogateSelector.Pick> picks = new SurrogateSelector(0.34, 0).byExpectedGain(predictions, gain, 3);
    assertEquals(List.of(1, 3, 4), picks.stream().map(SurrogateSelector.Pick::index).toList());
    assertEquals(0.07, picks.get(0).score(), 2e-3, "E[max(0, N(0.42, 0.02) − 0.35)] ≈ 0.07");
    assertTrue(picks.get(0).reason().contains("hypervolume"), picks.get(0).reason());
  }

  @Test
  void kendallTauOfAgreeingAndReversedRankings() {
    double[] a = {0.1, 0.2, 0.3, 0.4};
    assertEquals(1.0, RankAgreement.kendallTau(a, new double[] {1, 2, 3, 4}).orElseThrow(), 1e-12);
    assertEquals(-1.0, RankAgreement.kendallTau(a, new double[] {4, 3, 2, 1}).orElseThrow(), 1e-12);
    // one discordant pair of six: (5 − 1) / 6
    assertEquals(4.0 / 6, RankAgreement.kendallTau(a, new double[] {1, 2, 4, 3}).orElseThrow(), 1e-12);
    assertTrue(RankAgreement.kendallTau(new double[] {1, 2}, new double[] {1, 2}).isEmpty());
  }
}
