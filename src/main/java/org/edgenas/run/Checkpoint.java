package org.edgenas.run;

import org.edgenas.evaluation.Seeds;

import java.util.List;
import java.util.Objects;

/**
 * The state of a run after a generation, versioned JSON ({@code checkpoints/gen-NNNN.json}).
 * Randomness needs no saved state: generation g draws from {@link Seeds#forGeneration}(seed, g).
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION} for files this code writes
 * @param recipeHash the hash of the run's inputs (a checkpoint of another recipe is refused)
 * @param generation generations completed (0: the initial population, not yet evolved)
 * @param seed the master seed
 * @param rng how the random source of each generation is derived (for readers)
 * @param population the individuals as allele arrays (one pick per choice) and birth generations
 * @param pending hashes in the population that had no evaluation when it was written
 * @param evaluations candidate evaluations in the run so far
 * @param elapsedSeconds search time so far (for a max_minutes budget across resumes)
 */
public record Checkpoint(String format, int version, String recipeHash, long generation, long seed, String rng,
    List<Member> population, List<String> pending, int evaluations, double elapsedSeconds) {
  public static final String FORMAT = "edgenas-checkpoint";
  public static final int VERSION = 1;
  public static final String RNG = "SplittableRandom(Seeds.mix(seed, generation)) per generation";

  /** One individual: its alleles (the genotype's picks, before repair) and the generation it was born in. */
  public record Member(int[] alleles, long born) {
    public Member {
      alleles = alleles.clone();
    }

    @Override
    public int[] alleles() {
      return alleles.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Member m && java.util.Arrays.equals(alleles, m.alleles) && born == m.born;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(alleles) * 31 + Long.hashCode(born);
    }
  }

  public Checkpoint {
    Objects.requireNonNull(recipeHash, "recipeHash");
    population = List.copyOf(population);
    pending = List.copyOf(pending);
    if (!FORMAT.equals(format)) throw new IllegalArgumentException("format must be " + FORMAT + ", was " + format);
    if (generation < 0) throw new IllegalArgumentException("generation must be >= 0, was " + generation);
    if (population.isEmpty()) throw new IllegalArgumentException("a checkpoint needs a population");
  }

  public static Checkpoint of(String recipeHash, long generation, long seed, List<Member> population, List<String> pending,
      int evaluations, double elapsedSeconds) {
    return new Checkpoint(FORMAT, VERSION, recipeHash, generation, seed, RNG, population, pending, evaluations, elapsedSeconds);
  }
}
