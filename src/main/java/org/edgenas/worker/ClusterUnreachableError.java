package org.edgenas.worker;

/**
 * The Temporal server stayed unreachable past the recipe's {@code cluster.wait_seconds}: the search
 * must stop (its last checkpoint is intact; {@code edgenas resume} continues it). An {@link Error}
 * on purpose: the search records an evaluator's exceptions as that candidate's failure, and a lost
 * server is no candidate's fault.
 */
public final class ClusterUnreachableError extends Error {
  public ClusterUnreachableError(String message) {
    super(message);
  }

  @Override
  public String toString() {
    return getMessage();
  }
}
