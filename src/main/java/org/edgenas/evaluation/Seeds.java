package org.edgenas.evaluation;

import java.util.SplittableRandom;

/** Everything random in a run derives from the master seed through these functions. */
public final class Seeds {
  private Seeds() {}

  /** A well-mixed combination of two longs (SplitMix64's finaliser over a golden-ratio sum). */
  public static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The random source of one generation: a function of (seed, generation) only, so resume needs no saved state. */
  public static SplittableRandom forGeneration(long seed, long generation) {
    return new SplittableRandom(mix(seed, generation));
  }
}
