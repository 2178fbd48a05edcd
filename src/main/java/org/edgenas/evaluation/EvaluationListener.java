package org.edgenas.evaluation;

/**
 * Told when the {@link EvaluationPipeline} starts and finishes a candidate it has to evaluate
 * (answers wholly from the cache are not reported). Called from the pipeline's threads.
 */
public interface EvaluationListener {
  EvaluationListener NONE = new EvaluationListener() {};

  /**
   * @param index the candidate's place (from 0) among the {@code count} candidates of the batch
   */
  default void started(Candidate candidate, long generation, int index, int count) {}

  /** The candidate's merged evaluation, already appended to the log; {@code evaluation.ok()} may be false. */
  default void finished(Candidate candidate, Evaluation evaluation, int index, int count) {}
}
