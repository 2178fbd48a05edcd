package org.edgenas.search;

import java.nio.file.Path;
import java.util.List;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationPipeline;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Recipe;
import org.edgenas.space.SearchSpace;

/**
 * What a search tells whoever watches it: how it starts, each candidate it evaluates, each
 * generation it ends, the baselines, and notes and warnings. How (or whether) that is shown is the
 * watcher's business (the CLI's console, a JSON log, a test). Called from the search's threads.
 */
public interface SearchListener {
  SearchListener SILENT = new SearchListener() {};

  /** How a run starts: its inputs, its evaluators, and the generation it resumes after (-1 for a new run). */
  record Start(Recipe recipe, SearchSpace space, List<Evaluator> evaluators, Path runDir, long resumedAfter) {
    public Start {
      evaluators = List.copyOf(evaluators);
    }
  }

  /**
   * Where a candidate stands in the run: the {@code index}-th (from 0) of the {@code count} new
   * candidates of a generation, one of the front models trained at the end, or a named baseline.
   */
  record Slot(Stage stage, long generation, int index, int count, String baseline) {
    public enum Stage { GENERATION, FRONT, BASELINE }

    public static Slot baseline(String name, long generation) {
      return new Slot(Stage.BASELINE, generation, 0, 1, name);
    }
  }

  /** The end of a generation: running totals, the front, and time spent and (estimated) left. */
  record GenerationEnd(long generation, long generations, EvaluationPipeline.Counts counts, int frontSize,
      double hypervolume, double elapsedSeconds, double secondsLeft) {}

  default void started(Start start) {}

  /** A new candidate goes to the evaluators (its answers were not all in the cache). */
  default void evaluating(Slot slot, Candidate candidate) {}

  /** A candidate's evaluation is done and logged; it may have failed ({@code evaluation.ok()}). */
  default void evaluated(Slot slot, Candidate candidate, Evaluation evaluation) {}

  default void generationEnded(GenerationEnd end) {}

  default void info(String message) {}

  default void warn(String message) {}
}
