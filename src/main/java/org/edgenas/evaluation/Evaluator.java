package org.edgenas.evaluation;

import java.util.Map;
import java.util.Set;

/**
 * One source of objective values (the cost model, a latency predictor, a device probe, proxy
 * training). Evaluators compose: a recipe's pipeline runs every evaluator whose metrics it needs
 * and merges their values (MEASURED over EXACT over ESTIMATE for the same key).
 *
 * <p>{@link #evaluate} is called from the pipeline's executors: the {@link #queue()} decides which.
 * It may block (training, a remote measurement); it must be safe to call from several threads when
 * its queue is {@link #CPU}. A thrown exception is recorded as the candidate's failure reason.
 *
 * <p>An evaluator that holds resources (an SSH session, a native runtime) releases them in
 * {@link #close}; the search that made it closes it when it ends ({@link OpenEvaluators}).
 */
public interface Evaluator extends AutoCloseable {
  /** The shared pool bounded by the cores (proxy training, cost model). */
  String CPU = "cpu";

  /**
   * Unbounded: the work runs elsewhere (worker processes, a cluster) and the calling thread only
   * waits for it; the backend bounds how many run at once.
   */
  String REMOTE = "remote";

  /** A short name for logs and for the evaluations file ({@code cost}, {@code latency-predictor@local}). */
  String name();

  /** The metric keys it gives ({@code params}, {@code latency_ms@local}). */
  Set<String> metrics();

  /** Identifies its settings: a change makes earlier cached answers not apply. */
  String profileHash();

  /** Identifies the machine it measures on; "none" when its answers are machine-independent. */
  String deviceFingerprint();

  /** {@link #CPU}, {@link #REMOTE}, or {@code device:<name>}: one evaluation at a time per device queue. */
  default String queue() {
    return CPU;
  }

  /** True for proxy training (counted against the per-generation training budget). */
  default boolean trains() {
    return false;
  }

  Map<String, Measure> evaluate(Candidate candidate) throws Exception;

  /** Releases what it holds; nothing by default. Called once, after its last evaluation. */
  @Override
  default void close() {}
}
