package org.edgenas.search;

import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.util.Factory;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;

/**
 * The all-integer genotype of a space: one {@link IntegerChromosome} of length 1 per choice, in the
 * space's choice order, range 0..size−1 (Jenetics wants one range per chromosome). Crossover that
 * mixes choices is {@link ChoiceCrossover}. {@link #encode} and {@link #picks} are inverse.
 *
 * <p>Every genotype decodes to a valid architecture. When a combination of picks does not build
 * (freeze or lowering throws), decoding repairs it deterministically: first each single choice,
 * in choice order, is moved to its default option (option 0) and the first combination that
 * builds is taken; if none does, choices are reset cumulatively in choice order until it builds
 * (the all-default architecture always builds, the space loader checks it). Never a penalty.
 */
public final class GenomeCodec {
  /** A decoded genotype: the picks actually used (after repair) and their architecture. */
  public record Decoded(int[] picks, Architecture architecture, boolean repaired) {}

  private final SearchSpace space;
  private final int nc;
  private final int imgsz;
  private final Map<String, Decoded> memo = new ConcurrentHashMap<>();

  public GenomeCodec(SearchSpace space, int nc, int imgsz) {
    this.space = space;
    this.nc = nc;
    this.imgsz = imgsz;
  }

  public SearchSpace space() {
    return space;
  }

  public int imgsz() {
    return imgsz;
  }

  /** The genotype factory (uniform random picks from Jenetics' random registry). */
  public Factory<Genotype<IntegerGene>> factory() {
    return () -> encode(space.samplePicks(RandomRegistry.random()));
  }

  public Genotype<IntegerGene> encode(int[] picks) {
    if (picks.length != space.choices().size()) throw new IllegalArgumentException("expected " + space.choices().size() + " picks, got " + picks.length);
    List<IntegerChromosome> chromosomes = new ArrayList<>();
    for (int i = 0; i < picks.length; i++) {
      int max = space.choices().get(i).size() - 1;
      if (picks[i] < 0 || picks[i] > max) throw new IllegalArgumentException(space.choices().get(i).label() + " pick must be 0.." + max + ", was " + picks[i]);
      chromosomes.add(IntegerChromosome.of(IntegerGene.of(picks[i], 0, max + 1))); // Jenetics: max exclusive
    }
    return Genotype.of(chromosomes);
  }

  /** The raw picks of a genotype (before repair). */
  public int[] picks(Genotype<IntegerGene> genotype) {
    int[] picks = new int[genotype.length()];
    for (int i = 0; i < picks.length; i++) picks[i] = genotype.get(i).gene().intValue();
    return picks;
  }

  public Decoded decode(Genotype<IntegerGene> genotype) {
    return decode(picks(genotype));
  }

  /** The architecture of the picks, repaired as the class javadoc says when they do not build. */
  public Decoded decode(int[] picks) {
    return memo.computeIfAbsent(Arrays.toString(picks), k -> repair(picks.clone()));
  }

  private Decoded repair(int[] picks) {
    Architecture arch = tryBuild(picks);
    if (arch != null) return new Decoded(picks, arch, false);
    for (int i = 0; i < picks.length; i++) {
      if (picks[i] == 0) continue;
      int[] single = picks.clone();
      single[i] = 0;
      arch = tryBuild(single);
      if (arch != null) return new Decoded(single, arch, true);
    }
    int[] cumulative = picks.clone();
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] = 0;
      arch = tryBuild(cumulative);
      if (arch != null) return new Decoded(cumulative.clone(), arch, true);
    }
    throw new IllegalStateException(space.file() + ": the default architecture does not build at imgsz " + imgsz);
  }

  private Architecture tryBuild(int[] picks) {
    try {
      Architecture arch = space.freeze(picks, nc);
      arch.lower(imgsz);
      return arch;
    } catch (IllegalArgumentException e) { // ArchitectureException included
      return null;
    }
  }
}
