package org.edgenas.search;

import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationPipeline;
import org.edgenas.evaluation.Score;
import org.edgenas.evaluation.Seeds;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;
import org.edgenas.run.Checkpoint;

import io.jenetics.Genotype;
import io.jenetics.IntegerGene;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.engine.Constraint;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.List;

/**
 * One Jenetics NSGA-II engine over the codec's genotypes: NSGA-II selection (non-dominated rank
 * under {@link Score#dominance}, then crowding distance) for offspring and survivors, uniform
 * crossover over choices ({@link ChoiceCrossover}) and per-gene mutation, the budget pre-screen as a Jenetics {@link Constraint}, and a
 * batch evaluator that sends the unevaluated phenotypes through the {@link EvaluationPipeline}.
 * Generation g runs with Jenetics' random registry bound to {@link Seeds#forGeneration}(seed, g)
 * and a same-thread executor, so a generation is a pure function of its start and the cache.
 */
public final class GenerationEngine {
  private final GenomeCodec codec;
  private final EvaluationPipeline pipeline;
  private final List<Objective> objectives;
  private final long seed;
  private final int imgsz;
  private final Engine<IntegerGene, Score> engine;
  private volatile long generation;

  public GenerationEngine(GenomeCodec codec, EvaluationPipeline pipeline, BudgetScreen screen, Recipe recipe) {
    this.codec = codec;
    this.pipeline = pipeline;
    this.objectives = recipe.objectives();
    this.seed = recipe.seed();
    this.imgsz = recipe.imgsz();
    NSGA2Selector<IntegerGene, Score> nsga2 =
        new NSGA2Selector<>(Score::dominance, Score::compare, Score::distance, Score::dimension);
    Constraint<IntegerGene, Score> prescreen = Constraint.of(
        pt -> screen.passes(codec.picks(pt.genotype())),
        (pt, gen) -> Phenotype.of(codec.encode(screen.repair(codec.picks(pt.genotype()), RandomRegistry.random())), gen));
    int genes = codec.space().choices().size();
    this.engine = new Engine.Builder<IntegerGene, Score>(this::evaluate, codec.factory())
        .populationSize(recipe.population())
        .offspringSelector(nsga2)
        .survivorsSelector(nsga2)
        .alterers(new ChoiceCrossover<>(0.6), new Mutator<>(Math.min(0.5, 1.5 / genes)))
        .constraint(prescreen)
        .executor(Runnable::run)
        .maximizing()
        .build();
  }

  /** The initial population of generation 0: the default architecture and seeded samples, pre-screened. */
  public List<Checkpoint.Member> initialPopulation(BudgetScreen screen, int size) {
    var random = Seeds.forGeneration(seed, 0);
    List<Checkpoint.Member> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int[] picks = i == 0 ? codec.space().defaultPicks() : codec.space().samplePicks(random);
      if (!screen.passes(picks)) picks = screen.repair(picks, random);
      out.add(new Checkpoint.Member(picks, 0));
    }
    return out;
  }

  /** Evaluates a population (cache first) and returns it with fitness. */
  public ISeq<Phenotype<IntegerGene, Score>> evaluatePopulation(List<Checkpoint.Member> members, long generation) {
    this.generation = generation;
    List<Phenotype<IntegerGene, Score>> phenotypes = new ArrayList<>();
    for (Checkpoint.Member m : members) phenotypes.add(Phenotype.of(codec.encode(m.alleles()), m.born()));
    return evaluate(ISeq.of(phenotypes));
  }

  /** Runs generation {@code g} from an evaluated population; the result's population is evaluated. */
  public EvolutionResult<IntegerGene, Score> evolve(ISeq<Phenotype<IntegerGene, Score>> population, long g) {
    this.generation = g;
    EvolutionStart<IntegerGene, Score> start = EvolutionStart.of(population, g);
    return RandomRegistry.with(Seeds.forGeneration(seed, g)).call(() -> engine.evolve(start));
  }

  public static List<Checkpoint.Member> members(Seq<Phenotype<IntegerGene, Score>> population, GenomeCodec codec) {
    List<Checkpoint.Member> out = new ArrayList<>();
    for (var pt : population) out.add(new Checkpoint.Member(codec.picks(pt.genotype()), pt.generation()));
    return out;
  }

  private ISeq<Phenotype<IntegerGene, Score>> evaluate(Seq<Phenotype<IntegerGene, Score>> population) {
    List<Candidate> todo = new ArrayList<>();
    List<Integer> where = new ArrayList<>();
    for (int i = 0; i < population.size(); i++) {
      if (population.get(i).isEvaluated()) continue;
      todo.add(candidate(population.get(i).genotype()));
      where.add(i);
    }
    List<Evaluation> done = pipeline.evaluate(todo, generation);
    List<Phenotype<IntegerGene, Score>> out = new ArrayList<>(population.asList());
    for (int k = 0; k < where.size(); k++) {
      int i = where.get(k);
      out.set(i, out.get(i).withFitness(done.get(k).score(objectives)));
    }
    return ISeq.of(out);
  }

  private Candidate candidate(Genotype<IntegerGene> genotype) {
    var decoded = codec.decode(genotype);
    return new Candidate(decoded.picks(), decoded.architecture(), imgsz, Candidate.seedFor(seed, decoded.architecture().hash()));
  }
}
