package org.edgenas.evaluation;

import org.edgenas.arch.Architecture;

/**
 * One architecture to evaluate: the repaired picks it was frozen from, the architecture, the
 * recipe's image size and a seed derived from (master seed, architecture hash).
 */
public record Candidate(int[] picks, Architecture architecture, int imgsz, long seed) {
  public Candidate {
    picks = picks.clone();
  }

  public String hash() {
    return architecture.hash();
  }

  @Override
  public int[] picks() {
    return picks.clone();
  }

  /** The per-candidate seed: the master seed mixed with the architecture hash. */
  public static long seedFor(long masterSeed, String hash) {
    return Seeds.mix(masterSeed, Long.parseUnsignedLong(hash, 16));
  }
}
