package org.edgenas.worker;

import java.util.concurrent.CompletableFuture;
import org.edgenas.train.ProgressListener;

/**
 * Where proxy evaluations run when not in the search's process: worker processes of this machine
 * ({@link LocalWorkers}) or the workers of a cluster. The future completes with the result once
 * its artifacts are in the store both sides reach; cancelling it tells the backend the result is
 * no longer needed.
 */
public interface EvaluationBackend extends AutoCloseable {
  CompletableFuture<EvaluationResult> submit(EvaluationRequest request);

  /** {@link #submit(EvaluationRequest)}, telling {@code progress} of the training steps where the backend hears of them. */
  default CompletableFuture<EvaluationResult> submit(EvaluationRequest request, ProgressListener progress) {
    return submit(request);
  }

  /** True when the evaluations train on this machine (a local latency measurement waits for them). */
  boolean onThisMachine();

  /** A short description for the log ({@code 2 worker processes}, {@code Temporal at host:7233 queue q}). */
  String describe();

  @Override
  void close();
}
