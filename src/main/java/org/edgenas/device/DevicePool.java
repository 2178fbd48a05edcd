package org.edgenas.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures on several devices at once: one measurement at a time per device (a single-thread
 * executor each), devices in parallel. A measurement that fails for a device reason (unreachable,
 * dropped, timed out, unreadable output) is retried after an exponential back-off ({@link
 * PoolPolicy}); when every attempt failed the device is quarantined and this and all its pending
 * measurements complete with a {@link DeviceQuarantinedException} naming the device and the pending
 * count. A failure of the measurement itself (non-zero exit, runtime missing) fails that measurement
 * only. Nothing is thrown into the caller's thread: every outcome arrives through the future.
 * Finished measurements are kept ({@link #completed}).
 */
public final class DevicePool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevicePool.class);
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final PoolPolicy policy;
  private final List<RemoteMeasurement> completed = Collections.synchronizedList(new ArrayList<>());

  /** A pool over these probes (the pool closes them). */
  public DevicePool(List<DeviceLatencyProbe> probes, PoolPolicy policy) {
    this.policy = policy;
    for (DeviceLatencyProbe p : probes) {
      String name = p.device().name();
      if (workers.put(name, new Worker(p)) != null) throw new IllegalArgumentException("device " + name + " given twice");
    }
  }

  /** A pool with one probe per device. */
  public static DevicePool of(List<Device> devices, PoolPolicy policy) {
    return new DevicePool(devices.stream().map(DeviceLatencyProbe::new).toList(), policy);
  }

  /** Queues a measurement of {@code model} on {@code device}. */
  public CompletableFuture<RemoteMeasurement> submit(String device, Path model, RunRequest request) {
    Worker w = workers.get(device);
    if (w == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "no device '" + device + "' in the pool (devices: " + String.join(", ", workers.keySet()) + ")"));
    }
    return w.submit(new Task(model, request, new CompletableFuture<>()));
  }

  /** Every measurement finished so far, in completion order. */
  public List<RemoteMeasurement> completed() {
    synchronized (completed) {
      return List.copyOf(completed);
    }
  }

  /** The names of the quarantined devices. */
  public List<String> quarantined() {
    return workers.values().stream().filter(w -> w.quarantined).map(w -> w.probe.device().name()).toList();
  }

  /** Checks every device that is not quarantined (in its own queue, after its queued work): name to healthy. */
  public Map<String, Boolean> healthCheck() {
    Map<String, CompletableFuture<Boolean>> checks = new LinkedHashMap<>();
    workers.forEach((name, w) -> checks.put(name, w.quarantined ? CompletableFuture.completedFuture(false)
        : CompletableFuture.supplyAsync(w.probe::healthy, w.executor).exceptionally(e -> false)));
    Map<String, Boolean> out = new LinkedHashMap<>();
    checks.forEach((name, f) -> out.put(name, f.join()));
    return out;
  }

  private record Task(Path model, RunRequest request, CompletableFuture<RemoteMeasurement> future) {}

  /** One device: its probe, its single thread, its waiting tasks. */
  private final class Worker {
    final DeviceLatencyProbe probe;
    final ExecutorService executor;
    final List<Task> waiting = new ArrayList<>();
    volatile boolean quarantined;

    Worker(DeviceLatencyProbe probe) {
      this.probe = probe;
      this.executor = Executors.newSingleThreadExecutor(
          Thread.ofPlatform().daemon().name("edgenas-device-" + probe.device().name()).factory());
    }

    synchronized CompletableFuture<RemoteMeasurement> submit(Task task) {
      if (quarantined) {
        task.future.completeExceptionally(new DeviceQuarantinedException(probe.device().name(), 1, null));
        return task.future;
      }
      waiting.add(task);
      executor.execute(() -> run(task));
      return task.future;
    }

    private void run(Task task) {
      if (task.future.isDone()) return; // completed by a quarantine
      for (int attempt = 1; ; attempt++) {
        try {
          RemoteMeasurement m = probe.measure(task.model, task.request);
          completed.add(m);
          finish(task);
          task.future.complete(m);
          return;
        } catch (DeviceException e) {
          if (!retryable(e)) {
            fail(task, e);
            return;
          }
          if (attempt >= policy.attempts()) {
            quarantine(e);
            return;
          }
          Duration wait = policy.backoff(attempt);
          LOG.info("device {}: attempt {} of {} failed ({}); retrying in {} ms", probe.device().name(), attempt,
              policy.attempts(), e.getMessage(), wait.toMillis());
          if (!sleep(wait)) {
            fail(task, e);
            return;
          }
        } catch (RuntimeException e) {
          fail(task, e);
          return;
        }
      }
    }

    private void fail(Task task, Throwable e) {
      finish(task);
      task.future.completeExceptionally(e);
    }

    private synchronized void finish(Task task) {
      waiting.remove(task);
    }

    private void quarantine(DeviceException cause) {
      List<Task> pending;
      synchronized (this) {
        quarantined = true;
        pending = List.copyOf(waiting);
        waiting.clear();
      }
      LOG.warn("device {}: quarantined after {} attempts (last failure: {}); {} pending measurement(s) not taken",
          probe.device().name(), policy.attempts(), cause.getMessage(), pending.size());
      for (Task t : pending) {
        t.future.completeExceptionally(new DeviceQuarantinedException(probe.device().name(), pending.size(), cause));
      }
    }
  }

  private static boolean retryable(DeviceException e) {
    return !(e instanceof RemoteCommandException || e instanceof RunnerSetupException
        || e instanceof HostKeyRejectedException || e instanceof DeviceQuarantinedException);
  }

  private static boolean sleep(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the device threads (waiting up to 10 s for running measurements) and closes the probes. */
  @Override
  public void close() {
    for (Worker w : workers.values()) {
      w.executor.shutdownNow();
      List<Task> left;
      synchronized (w) {
        left = List.copyOf(w.waiting);
        w.waiting.clear();
      }
      for (Task t : left) t.future.cancel(false);
    }
    for (Worker w : workers.values()) {
      try {
        w.executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      w.probe.close();
    }
  }
}
