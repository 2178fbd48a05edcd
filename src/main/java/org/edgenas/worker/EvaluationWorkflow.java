package org.edgenas.worker;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The workflow of one proxy evaluation: the {@link EvaluationActivities} activity on the workers'
 * task queue, with a heartbeat timeout (a worker that stops heartbeating is taken for dead and the
 * activity is retried, on whichever worker polls first), at most {@value #MAX_ATTEMPTS} attempts,
 * refusals never retried. It is hosted by the search driver on a task queue of its own; remote
 * workers run activities only (a workflow hosted on a killed worker never completed).
 */
@WorkflowInterface
public interface EvaluationWorkflow {
  int MAX_ATTEMPTS = 3;

  @WorkflowMethod(name = "EdgenasEvaluation")
  String evaluate(String requestJson, String outDir, String workerQueue, int heartbeatSeconds);

  /** The implementation the driver registers. */
  final class Impl implements EvaluationWorkflow {
    @Override
    public String evaluate(String requestJson, String outDir, String workerQueue, int heartbeatSeconds) {
      EvaluationActivities activities = Workflow.newActivityStub(EvaluationActivities.class, ActivityOptions.newBuilder()
          .setTaskQueue(workerQueue)
          .setStartToCloseTimeout(Duration.ofDays(7))
          .setHeartbeatTimeout(Duration.ofSeconds(heartbeatSeconds))
          .setCancellationType(ActivityCancellationType.TRY_CANCEL)
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1)).setMaximumAttempts(MAX_ATTEMPTS)
              .setDoNotRetry(EvaluationActivities.REFUSED).build())
          .build());
      return activities.evaluate(requestJson, outDir);
    }
  }
}
