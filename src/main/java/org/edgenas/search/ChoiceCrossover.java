package org.edgenas.search;

import io.jenetics.AltererResult;
import io.jenetics.Chromosome;
import io.jenetics.Gene;
import io.jenetics.Genotype;
import io.jenetics.Phenotype;
import io.jenetics.Alterer;
import io.jenetics.util.ISeq;
import io.jenetics.util.MSeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Uniform crossover over whole choices: Jenetics' crossovers recombine one chromosome of a
 * genotype, and the codec has one chromosome per choice, so this alterer pairs each individual,
 * with probability {@code probability}, with a random mate and swaps every chromosome between the
 * two with probability 1/2. Draws only from Jenetics' random registry (deterministic per generation).
 */
public final class ChoiceCrossover<G extends Gene<?, G>, C extends Comparable<? super C>> implements Alterer<G, C> {
  private final double probability;

  public ChoiceCrossover(double probability) {
    if (!(probability >= 0 && probability <= 1)) throw new IllegalArgumentException("probability must be 0..1, was " + probability);
    this.probability = probability;
  }

  @Override
  public AltererResult<G, C> alter(Seq<Phenotype<G, C>> population, long generation) {
    RandomGenerator random = RandomRegistry.random();
    MSeq<Phenotype<G, C>> out = MSeq.of(population);
    int alterations = 0;
    if (out.size() < 2) return new AltererResult<>(out.toISeq(), 0);
    for (int i = 0; i < out.size(); i++) {
      if (random.nextDouble() >= probability) continue;
      int j = random.nextInt(out.size() - 1);
      if (j >= i) j++;
      Genotype<G> a = out.get(i).genotype();
      Genotype<G> b = out.get(j).genotype();
      List<Chromosome<G>> childA = new ArrayList<>();
      List<Chromosome<G>> childB = new ArrayList<>();
      for (int k = 0; k < a.length(); k++) {
        boolean swap = random.nextBoolean();
        childA.add(swap ? b.get(k) : a.get(k));
        childB.add(swap ? a.get(k) : b.get(k));
      }
      out.set(i, Phenotype.of(Genotype.of(childA), generation));
      out.set(j, Phenotype.of(Genotype.of(childB), generation));
      alterations += 2;
    }
    return new AltererResult<>(out.toISeq(), alterations);
  }

}
