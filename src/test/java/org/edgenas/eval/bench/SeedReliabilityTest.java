package org.edgenas.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SeedReliability on scores with a known structure: a true score per architecture plus seed noise. */
class SeedReliabilityTest {
  private static final int ARCHS = 400;

  /** Seeds of a profile: {@code scale·truth + offset + N(0, noise)} per architecture and seed. */
  private static List<Map<String, Double>> seeds(double[] truth, double scale, double offset, double noise, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Map<String, Double>> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      Map<String, Double> m = new LinkedHashMap<>();
      for (int i = 0; i < truth.length; i++) m.put("a" + i, scale * truth[i] + offset + noise * gaussian(random));
      out.add(m);
    }
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  private static double[] truth(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] t = new double[ARCHS];
    for (int i = 0; i < ARCHS; i++) t[i] = gaussian(r);
    return t;
  }

  @Test
  void twoNoisyViewsOfTheSameScoreAreRecognisedAsMeasuringTheSameThing() {
    double[] truth = truth(1);
    // fast: a shrunk, shifted view with more noise; long: the truth with less. Reliabilities 0.5 and 0.8.
    SeedReliability r = SeedReliability.of(seeds(truth, 0.3, 0.4, 0.3, 3, 2), seeds(truth, 1, 0.6, 0.5, 3, 3));
    assertEquals(0.5, r.fastReliability(), 0.08);
    assertEquals(0.8, r.longReliability(), 0.05);
    assertEquals(Math.sqrt(0.5 * 0.8), r.crossCorrelation(), 0.06);
    assertEquals(1.0, r.disattenuatedCorrelation(), 0.08);
    // one fast run against the noise-free truth: r = sqrt(0.5), tau = (2/pi) asin(sqrt 0.5) = 0.5
    assertEquals(0.5, r.estimatedTauOfOneFastRunAgainstNoiseFreeLong(), 0.05);
    Map<String, Double> exact = new LinkedHashMap<>();
    for (int i = 0; i < ARCHS; i++) exact.put("a" + i, truth[i]);
    SeedReliability againstTruth = SeedReliability.of(r.fast(), List.of(exact, exact));
    assertEquals(r.estimatedTauOfOneFastRunAgainstNoiseFreeLong(), SeedReliability.average(againstTruth.crossTau()), 0.05,
        "the estimate matches the tau measured against the noise-free scores");
  }

  @Test
  void aProfileMeasuringSomethingElseIsNotCorrectedIntoAgreement() {
    double[] truth = truth(4), other = truth(5);
    double[] mixed = new double[ARCHS];
    for (int i = 0; i < ARCHS; i++) mixed[i] = (truth[i] + other[i]) / Math.sqrt(2);
    SeedReliability r = SeedReliability.of(seeds(mixed, 1, 0, 0.3, 3, 6), seeds(truth, 1, 0, 0.3, 3, 7));
    assertEquals(Math.sqrt(0.5), r.disattenuatedCorrelation(), 0.08);
    assertTrue(r.estimatedTauOfOneFastRunAgainstNoiseFreeLong() < 0.5);
  }

  @Test
  void averagingLongSeedsRaisesTheEstimatedAgreement() {
    double[] truth = truth(8);
    SeedReliability r = SeedReliability.of(seeds(truth, 1, 0, 0.5, 2, 9), seeds(truth, 1, 0, 0.7, 2, 10));
    double one = r.estimatedTauOfOneFastRunAgainstLongMean(1), three = r.estimatedTauOfOneFastRunAgainstLongMean(3);
    assertTrue(one < three && three < r.estimatedTauOfOneFastRunAgainstNoiseFreeLong(), one + " " + three);
  }

  @Test
  void onlyArchitecturesEveryGroupHasCountAndOneSeedIsNotEnough() {
    Map<String, Double> a = Map.of("x", 1.0, "y", 2.0, "z", 3.0, "w", 4.0);
    Map<String, Double> b = Map.of("x", 1.0, "y", 3.0, "z", 2.0);
    SeedReliability r = SeedReliability.of(List.of(a, a), List.of(b, a));
    assertEquals(3, r.hashes().size());
    assertEquals(1.0, r.fastSelfTau()[0], 1e-12);
    assertEquals(1 / 3.0, r.longSelfTau()[0], 1e-12);
    assertThrows(IllegalArgumentException.class, () -> SeedReliability.of(List.of(a), List.of(b, a)));
  }
}
