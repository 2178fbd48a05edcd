package org.edgenas.worker;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.edgenas.common.BadInputException;

/**
 * A machine of a cluster ({@code edgenas worker --temporal HOST:PORT --queue NAME --slots K}): polls
 * the task queue for evaluation activities only and runs each in one of K worker processes
 * ({@link LocalWorkers}, one training at a time each), trained parents shared in its work folder.
 * It heartbeats on every training step (and every third of the heartbeat timeout between them, while
 * its process lives); a cancelled activity kills the process that trains it. A request it must not
 * run (another edgenas version, another copy of the dataset) fails without retry, with the reason
 * for the driver. Writes one line per activity to {@code log}.
 */
public final class ClusterWorker implements AutoCloseable {
  private final LocalWorkers pool;
  private final WorkflowServiceStubs stubs;
  private final WorkerFactory factory;
  private final ScheduledExecutorService keepalive =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("edgenas-heartbeat").daemon(true).factory());
  private final PrintWriter log;

  /** Connects (waiting at most {@code wait}) and starts polling {@code queue} with {@code slots} processes. */
  public ClusterWorker(String temporal, String queue, int slots, Path work, Duration wait, PrintWriter log) {
    if (slots < 1) throw new BadInputException("--slots must be at least 1, was " + slots);
    this.log = log;
    this.stubs = TemporalConnection.connect(temporal, wait, log::println);
    this.pool = new LocalWorkers(work, slots);
    this.factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    Worker worker = factory.newWorker(queue, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(slots).build());
    worker.registerActivitiesImplementations(new Activities());
    factory.start();
    log.println("worker " + EvaluationUnit.workerName() + ": " + slots + " slot(s) on queue " + queue + " at " + temporal
        + ", work folder " + work.toAbsolutePath().normalize());
    log.flush();
  }

  private final class Activities implements EvaluationActivities {
    @Override
    public String evaluate(String requestJson, String outDir) {
      ActivityExecutionContext ctx = Activity.getExecutionContext();
      int attempt = ctx.getInfo().getAttempt();
      EvaluationRequest request;
      try {
        request = EvaluationRequest.parse(requestJson, "activity " + ctx.getInfo().getActivityId());
      } catch (BadInputException e) {
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REFUSED);
      }
      say("evaluating " + request.digest() + " (" + request.hash() + ") attempt " + attempt);
      CompletableFuture<Void> stop = new CompletableFuture<>();
      AtomicReference<ActivityCompletionException> cancelled = new AtomicReference<>();
      Runnable beat = () -> {
        try {
          ctx.heartbeat(null);
        } catch (ActivityCompletionException e) {
          cancelled.compareAndSet(null, e);
          stop.complete(null);
        }
      };
      long every = Math.max(200, ctx.getInfo().getHeartbeatTimeout().toMillis() / 3);
      var timer = keepalive.scheduleAtFixedRate(beat, every, every, TimeUnit.MILLISECONDS);
      try {
        java.util.concurrent.atomic.AtomicBoolean training = new java.util.concurrent.atomic.AtomicBoolean();
        EvaluationResult r = pool.evaluate(request, Path.of(outDir), step -> {
          if (training.compareAndSet(false, true)) say("training " + request.digest() + ": step " + step.split(" ")[0]);
          beat.run();
        }, stop).withAttempt(attempt);
        say("done " + request.digest() + " attempt " + attempt + ": " + (r.result().ok() ? "ok" : r.result().reason()));
        return r.toJson();
      } catch (CancellationException e) {
        say("cancelled " + request.digest());
        throw cancelled.get() != null ? cancelled.get() : e;
      } catch (EvaluationUnit.Refusal | BadInputException e) {
        say("refused " + request.digest() + ": " + e.getMessage());
        throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), REFUSED);
      } catch (RuntimeException e) {
        say("failed " + request.digest() + " attempt " + attempt + ": " + e.getMessage());
        throw e;
      } finally {
        timer.cancel(false);
      }
    }
  }

  private synchronized void say(String line) {
    log.println(line);
    log.flush();
  }

  /** Blocks until the JVM is stopped. */
  public void awaitTermination() throws InterruptedException {
    factory.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  @Override
  public void close() {
    factory.shutdownNow();
    keepalive.shutdownNow();
    pool.close();
    stubs.shutdownNow();
  }
}
