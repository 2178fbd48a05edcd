package org.edgenas.worker;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The one activity a cluster worker runs: an {@link EvaluationRequest} (its JSON) evaluated into a
 * folder of the shared artifact store; answers the {@link EvaluationResult}'s JSON, which names its
 * artifacts by URI and SHA-256 and so stays far below Temporal's 2 MB payload limit.
 */
@ActivityInterface
public interface EvaluationActivities {
  /** A failure of this type is not retried: the request cannot run on this worker (version, dataset, bad request). */
  String REFUSED = "EdgenasRefused";

  @ActivityMethod(name = "EdgenasEvaluate")
  String evaluate(String requestJson, String outDir);
}
