package org.edgenas.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.edgenas.common.Sha256;
import org.edgenas.recipe.Cluster;

/**
 * Proxy evaluations on the workers of a Temporal cluster: one workflow per request, its id made of
 * the run and the request's digest, hosted by this driver on a task queue of the run's own ({@code
 * QUEUE-driver-RUNKEY}); the activity goes to the recipe's queue. Results and models lie in the
 * shared artifact folder ({@code ARTIFACTS/<digest>/}): a request whose result is already there is
 * answered from it; a driver that starts again (resume) finds a workflow still running under the
 * same id and re-attaches to it, starting nothing again, and takes whichever comes first: the
 * workflow's result or the worker's result in the artifact folder. Cancelling a future cancels its workflow
 * (the worker kills the training at its next heartbeat). A refusal by a worker (another edgenas
 * version, another copy of the dataset) fails the candidate with the worker's sentence, logged once.
 */
public final class TemporalBackend implements EvaluationBackend {
  private final Cluster cluster;
  private final String runKey;
  private final Consumer<String> log;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory factory;
  private final String driverQueue;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("edgenas-artifact-watch").daemon(true).factory());
  private final java.util.Set<CompletableFuture<EvaluationResult>> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long unreachableSince;
  private final java.util.Set<String> refusals = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Connects (waiting at most {@code cluster.waitSeconds()}) and hosts the run's workflow worker. */
  public TemporalBackend(Cluster cluster, String runKey, Consumer<String> log) {
    this.cluster = cluster;
    this.runKey = runKey;
    this.log = log;
    this.stubs = TemporalConnection.connect(cluster.temporal(), Duration.ofSeconds(cluster.waitSeconds()), log);
    this.client = WorkflowClient.newInstance(stubs);
    // No workflow cache, hence no sticky task queue: a killed driver's workflows go on with the next
    // driver (Temporal's Java test server never moved a task off a dead worker's sticky queue).
    this.factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build());
    this.driverQueue = cluster.queue() + "-driver-" + runKey;
    factory.newWorker(driverQueue).registerWorkflowImplementationTypes(EvaluationWorkflow.Impl.class);
    factory.start();
    watcher.scheduleWithFixedDelay(this::checkServer, 2, 2, TimeUnit.SECONDS);
  }

  /**
   * While evaluations are pending, asks the server for its system info: the first failure is one
   * line in the log; failures for longer than {@code cluster.waitSeconds()} fail every pending
   * evaluation with a {@link ClusterUnreachableError}, which stops the search.
   */
  private void checkServer() {
    if (pending.isEmpty()) {
      unreachableSince = 0;
      return;
    }
    try {
      stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      unreachableSince = 0;
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      if (unreachableSince == 0) {
        unreachableSince = now;
        log.accept("Temporal at " + cluster.temporal() + " is unreachable (" + TemporalConnection.reason(e) + "): waiting up to "
            + cluster.waitSeconds() + " s");
      } else if (now - unreachableSince > cluster.waitSeconds() * 1_000_000_000L) {
        ClusterUnreachableError gone = new ClusterUnreachableError("Temporal at " + cluster.temporal() + " is unreachable after "
            + cluster.waitSeconds() + " s (" + TemporalConnection.reason(e) + "): the search stops; its last checkpoint is intact"
            + " (edgenas resume continues it)");
        pending.forEach(f -> f.completeExceptionally(gone));
      }
    }
  }

  /** The run key of a run folder: 16 hex digits of its absolute path, so that a resumed run finds its workflows. */
  public static String runKey(Path runDir) {
    return Sha256.hex(runDir.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  /** The workflow id of a request in this run. */
  public String workflowId(EvaluationRequest request) {
    return "edgenas-" + runKey + "-" + request.digest();
  }

  @Override
  public CompletableFuture<EvaluationResult> submit(EvaluationRequest request) {
    Path out = cluster.artifacts().resolve(request.digest());
    EvaluationResult done = EvaluationUnit.existing(request, out);
    if (done != null) {
      log.accept("found the result of " + workflowId(request) + " in the artifact store");
      return CompletableFuture.completedFuture(done);
    }
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(workflowId(request)).setTaskQueue(driverQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY).build();
    EvaluationWorkflow workflow = client.newWorkflowStub(EvaluationWorkflow.class, options);
    WorkflowStub stub;
    boolean attachedNow = false;
    try {
      WorkflowClient.start(workflow::evaluate, request.toJson(), out.toString(), cluster.queue(), cluster.heartbeatSeconds());
      stub = WorkflowStub.fromTyped(workflow);
    } catch (WorkflowExecutionAlreadyStarted e) {
      stub = client.newUntypedWorkflowStub(workflowId(request), Optional.empty(), Optional.empty());
      attachedNow = true;
      log.accept("re-attached to evaluation " + workflowId(request) + ", still in the cluster");
    } catch (RuntimeException e) {
      if (!unavailable(e)) throw e;
      try {
        TemporalConnection.connect(cluster.temporal(), Duration.ofSeconds(cluster.waitSeconds()), log).shutdownNow();
      } catch (IllegalStateException gone) {
        throw new ClusterUnreachableError(gone.getMessage() + ": the search stops; its last checkpoint is intact (edgenas resume continues it)");
      }
      return submit(request);
    }
    WorkflowStub workflowStub = stub;
    CompletableFuture<EvaluationResult> fromWorkflow = new CompletableFuture<>();
    poll(stub, request, fromWorkflow);
    CompletableFuture<EvaluationResult> result = attachedNow ? firstOf(fromWorkflow, watch(request, out)) : fromWorkflow;
    CompletableFuture<EvaluationResult> answer = new CompletableFuture<>();
    result.whenComplete((r, e) -> {
      if (e == null) answer.complete(r);
      else answer.completeExceptionally(e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
    });
    pending.add(answer);
    answer.whenComplete((r, e) -> {
      pending.remove(answer);
      result.cancel(false);
      if (answer.isCancelled()) workflowStub.cancel();
    });
    return answer;
  }

  /**
   * Completes {@code target} with the workflow's result; a lost connection (the server restarting or
   * gone) is no answer: it asks again a second later, until {@code target} is done (the server
   * watch fails it when the server stays away).
   */
  private void poll(WorkflowStub stub, EvaluationRequest request, CompletableFuture<EvaluationResult> target) {
    if (target.isDone()) return;
    stub.getResultAsync(String.class).whenComplete((json, failure) -> {
      if (failure == null) {
        try {
          target.complete(EvaluationResult.parse(json, "the result of workflow " + workflowId(request)));
        } catch (RuntimeException e) {
          target.completeExceptionally(e);
        }
      } else if (transport(failure)) {
        if (!watcher.isShutdown()) watcher.schedule(() -> poll(stub, request, target), 1, TimeUnit.SECONDS);
      } else {
        target.completeExceptionally(translate(failure, request));
      }
    });
  }

  /** A failure to hear from the server (lost connection, cancelled call), not an answer about the workflow. */
  private static boolean transport(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.temporal.client.WorkflowException && !(t instanceof io.temporal.client.WorkflowServiceException)) return false;
    }
    return true;
  }

  /**
   * The result as it appears in the artifact store: a re-attached workflow was hosted by the driver
   * that died, and its worker's result lands there whether or not the workflow's own completion
   * ever reaches this driver.
   */
  private CompletableFuture<EvaluationResult> watch(EvaluationRequest request, Path out) {
    CompletableFuture<EvaluationResult> found = new CompletableFuture<>();
    var poll = watcher.scheduleWithFixedDelay(() -> {
      EvaluationResult r = EvaluationUnit.existing(request, out);
      if (r != null) found.complete(r);
    }, 500, 500, TimeUnit.MILLISECONDS);
    found.whenComplete((r, e) -> poll.cancel(false));
    return found;
  }

  private static CompletableFuture<EvaluationResult> firstOf(CompletableFuture<EvaluationResult> a, CompletableFuture<EvaluationResult> b) {
    CompletableFuture<EvaluationResult> first = new CompletableFuture<>();
    for (var f : List.of(a, b)) {
      f.whenComplete((r, e) -> {
        if (e == null) first.complete(r);
        else first.completeExceptionally(e);
      });
    }
    first.whenComplete((r, e) -> {
      a.cancel(false);
      b.cancel(false);
    });
    return first;
  }

  private RuntimeException translate(Throwable failure, EvaluationRequest request) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure a && EvaluationActivities.REFUSED.equals(a.getType())) {
        if (refusals.add(a.getOriginalMessage())) log.accept("a worker refused an evaluation: " + a.getOriginalMessage());
        return new DelegatedProxyEvaluator.RemoteFailure(a.getOriginalMessage());
      }
      if (t instanceof CanceledFailure) return new CancellationException("evaluation " + workflowId(request) + " cancelled");
    }
    return new DelegatedProxyEvaluator.RemoteFailure("workflow " + workflowId(request) + ": " + TemporalConnection.reason(failure));
  }

  private static boolean unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.UNAVAILABLE) return true;
    }
    return false;
  }

  @Override
  public boolean onThisMachine() {
    return false;
  }

  @Override
  public String describe() {
    return "the Temporal cluster at " + cluster.temporal() + ", queue " + cluster.queue() + " (artifacts in " + cluster.artifacts() + ")";
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    factory.shutdownNow();
    stubs.shutdownNow();
  }
}
