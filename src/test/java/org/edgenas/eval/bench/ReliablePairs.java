package org.edgenas.eval.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How an estimator orders the pairs of architectures that the long reference orders reliably. A
 * pair is reliable when every long seed puts it in the same order (no tie); the rest lie inside the
 * reference's own seed noise, where no estimator can be judged. For each set of pairs the agreement
 * is (concordant − discordant) / (concordant + discordant) against the order of the long seeds'
 * mean, pairs tied in either left out — Kendall's τ restricted to those pairs.
 *
 * @param hashes the architectures the estimate and every long seed share
 * @param reliable agreement over the reliable pairs
 * @param reliableCount how many pairs are reliable (of n(n−1)/2)
 * @param noisy agreement over the other pairs
 * @param noisyCount how many pairs are not
 */
record ReliablePairs(List<String> hashes, double reliable, int reliableCount, double noisy, int noisyCount) {
  /** The pairs of {@code estimate} split by whether all of {@code longSeeds} order them alike (at least two seeds). */
  static ReliablePairs of(Map<String, Double> estimate, List<Map<String, Double>> longSeeds) {
    if (longSeeds.size() < 2) throw new IllegalArgumentException("need at least two long seeds, got " + longSeeds.size());
    List<String> common = new ArrayList<>(estimate.keySet());
    for (Map<String, Double> seed : longSeeds) common.retainAll(seed.keySet());
    int[] reliable = new int[2], noisy = new int[2]; // concordant, discordant
    int reliableCount = 0, noisyCount = 0;
    for (int i = 0; i < common.size(); i++) {
      for (int j = i + 1; j < common.size(); j++) {
        String a = common.get(i), b = common.get(j);
        int first = 0;
        boolean alike = true;
        double meanDifference = 0;
        for (Map<String, Double> seed : longSeeds) {
          int sign = Double.compare(seed.get(a), seed.get(b));
          if (first == 0) first = sign;
          alike &= sign != 0 && sign == first;
          meanDifference += seed.get(a) - seed.get(b);
        }
        if (alike) reliableCount++;
        else noisyCount++;
        double agreement = Math.signum(estimate.get(a) - estimate.get(b)) * Math.signum(meanDifference);
        int[] tally = alike ? reliable : noisy;
        if (agreement > 0) tally[0]++;
        else if (agreement < 0) tally[1]++;
      }
    }
    return new ReliablePairs(List.copyOf(common), ratio(reliable), reliableCount, ratio(noisy), noisyCount);
  }

  private static double ratio(int[] tally) {
    int both = tally[0] + tally[1];
    return both == 0 ? Double.NaN : (double) (tally[0] - tally[1]) / both;
  }
}
