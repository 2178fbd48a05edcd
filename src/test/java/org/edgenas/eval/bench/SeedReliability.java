package org.edgenas.eval.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.surrogate.RankAgreement;

/**
 * How much of the disagreement between a fast and a long proxy profile is each profile's own seed
 * noise. Given several seeds of each (maps from architecture hash to mAP), it measures the Kendall τ
 * of a profile with itself (between its seeds) and with the other, and estimates, by the classical
 * correction for attenuation, how the fast profile would rank against a long one free of seed
 * noise. The correction works on correlations: each τ is turned into the correlation {@code r =
 * sin(π·τ/2)} of Greiner's relation (exact when the scores' dependence is a Gaussian copula; rank
 * based, so outliers and the scale of mAP do not enter), then {@code r̄(fast, long) / √(r̄(fast, fast)
 * · r̄(long, long))} estimates the correlation without seed noise on either side, and {@code τ =
 * (2/π)·asin(r)} turns estimates back into τ. Estimates from a dozen architectures are rough. Every
 * figure is over the architectures all groups share.
 */
record SeedReliability(List<Map<String, Double>> fast, List<Map<String, Double>> longer, List<String> hashes) {
  SeedReliability {
    if (fast.size() < 2 || longer.size() < 2) {
      throw new IllegalArgumentException("need at least two seeds of each profile, got " + fast.size() + " fast and "
          + longer.size() + " long");
    }
  }

  /** The groups restricted to the architectures every one of them has. */
  static SeedReliability of(List<Map<String, Double>> fast, List<Map<String, Double>> longer) {
    List<String> common = new ArrayList<>(fast.getFirst().keySet());
    for (Map<String, Double> g : fast) common.retainAll(g.keySet());
    for (Map<String, Double> g : longer) common.retainAll(g.keySet());
    if (common.size() < RankAgreement.MIN_PAIRS) {
      throw new IllegalArgumentException("only " + common.size() + " architectures are in every group");
    }
    return new SeedReliability(fast, longer, List.copyOf(common));
  }

  /** τ between every pair of fast seeds. */
  double[] fastSelfTau() {
    return pairwise(fast, fast, true);
  }

  /** τ between every pair of long seeds. */
  double[] longSelfTau() {
    return pairwise(longer, longer, true);
  }

  /** τ of every fast seed against every long seed. */
  double[] crossTau() {
    return pairwise(fast, longer, false);
  }

  /** τ of every fast seed against the mean of the long seeds. */
  double[] tauAgainstLongMean() {
    return pairwise(fast, List.of(mean(longer)), false);
  }

  /** Mean correlation (from τ) between pairs of fast seeds: the fast profile's reliability. */
  double fastReliability() {
    return correlation(fastSelfTau());
  }

  /** Mean correlation (from τ) between pairs of long seeds. */
  double longReliability() {
    return correlation(longSelfTau());
  }

  /** Mean correlation (from τ) of fast seeds against long seeds. */
  double crossCorrelation() {
    return correlation(crossTau());
  }

  /** Estimated r between the fast and the long profile with neither's seed noise (may exceed 1 by chance). */
  double disattenuatedCorrelation() {
    return crossCorrelation() / Math.sqrt(fastReliability() * longReliability());
  }

  /** Estimated τ of one fast run against the long ranking free of seed noise (a reference of reliability 1). */
  double estimatedTauOfOneFastRunAgainstNoiseFreeLong() {
    return estimatedTauOfOneFastRun(1);
  }

  /**
   * Estimated τ of one fast run against the mean of {@code k} long seeds, whose reliability is the
   * Spearman–Brown {@code k·r / (1 + (k−1)·r)} of one seed's.
   */
  double estimatedTauOfOneFastRunAgainstLongMean(int k) {
    double one = longReliability();
    return estimatedTauOfOneFastRun(k * one / (1 + (k - 1) * one));
  }

  /**
   * One run's correlation with the fast profile's own noise-free score is √(fast reliability), a
   * reference's with the noise-free long score √(its reliability); the disattenuated r links the two.
   */
  private double estimatedTauOfOneFastRun(double referenceReliability) {
    double r = Math.min(1, disattenuatedCorrelation())
        * Math.sqrt(Math.max(0, fastReliability()) * Math.max(0, referenceReliability));
    return 2 / Math.PI * Math.asin(r);
  }

  /** Greiner's relation, averaged over pairs: the correlation each τ implies. */
  private static double correlation(double[] taus) {
    return average(Arrays.stream(taus).map(t -> Math.sin(Math.PI * t / 2)).toArray());
  }

  private double[] pairwise(List<Map<String, Double>> a, List<Map<String, Double>> b, boolean distinctPairs) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      for (int j = distinctPairs ? i + 1 : 0; j < b.size(); j++) {
        out.add(RankAgreement.kendallTau(values(a.get(i)), values(b.get(j))).orElse(Double.NaN));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private double[] values(Map<String, Double> group) {
    return hashes.stream().mapToDouble(group::get).toArray();
  }

  private Map<String, Double> mean(List<Map<String, Double>> groups) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String h : hashes) m.put(h, groups.stream().mapToDouble(g -> g.get(h)).average().orElseThrow());
    return m;
  }

  static double average(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}
