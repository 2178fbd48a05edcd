package org.edgenas.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.Json;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.TrainingProgress;

/**
 * N worker processes on this machine (child JVMs running {@link WorkerProcess}), each evaluating
 * one request at a time: the way to use every core when one process can train only one candidate
 * at a time. Requests and results are files in {@code RUN/work/<digest>/} (or the folder a cluster
 * worker is given); parents are shared through {@code RUN/parents}. A worker that dies is replaced
 * and its request tried once more; a worker outlives its parent by no more than a moment.
 */
public final class LocalWorkers implements EvaluationBackend {
  /**
   * The JVM flags a worker needs: native access for PyTorch and ONNX Runtime, offline DJL, and
   * thread stacks of 16 MB (with the default 1 MB a worker JVM died of SIGSEGV, silently, after
   * its first training).
   */
  static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
      "-Dai.djl.offline=true", "-Xmx2g", "-Xss16m");

  private final Path runDir;
  private final int count;
  private final BlockingQueue<Child> idle = new LinkedBlockingQueue<>();
  private final List<Child> all = new ArrayList<>();
  private final ExecutorService dispatch;
  private int started;

  private final class Child {
    final Process process;
    final Writer in;
    final BufferedReader out;
    final Path log;

    Child() throws IOException {
      int n = ++started;
      log = runDir.resolve("workers").resolve("worker-" + n + ".log");
      Files.createDirectories(log.getParent());
      List<String> cmd = javaCommand(WorkerProcess.class, List.of(runDir.toString()));
      process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one job and waits for its answer line, passing its progress lines on; null when the process died. */
    String ask(Path request, Path outDir, Consumer<String> progress) throws IOException {
      in.write(Json.line(java.util.Map.of("request", request.toString(), "out", outDir.toString())) + "\n");
      in.flush();
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(WorkerProcess.PROGRESS)) {
          progress.accept(line.substring(WorkerProcess.PROGRESS.length()));
        } else if (!line.equals(WorkerProcess.READY)) {
          return line;
        }
      }
      return null;
    }
  }

  /** The command that runs {@code main} in a JVM like this one: its java, class path and DJL caches, with {@link #JVM_FLAGS}. */
  static List<String> javaCommand(Class<?> main, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(JVM_FLAGS);
    for (String p : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR")) {
      if (System.getProperty(p) != null) cmd.add("-D" + p + "=" + System.getProperty(p));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(args);
    return cmd;
  }

  /** Starts {@code count} worker processes sharing trained parents in {@code runDir} (a run folder or a worker's work folder). */
  public LocalWorkers(Path runDir, int count) {
    if (count < 1) throw new IllegalArgumentException("workers must be at least 1, was " + count);
    this.runDir = runDir.toAbsolutePath().normalize();
    this.count = count;
    this.dispatch = Executors.newFixedThreadPool(count, Thread.ofPlatform().name("edgenas-local-worker-", 0).daemon(true).factory());
    try {
      for (int i = 0; i < count; i++) {
        Child c = new Child();
        all.add(c);
        idle.add(c);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
    }
  }

  @Override
  public CompletableFuture<EvaluationResult> submit(EvaluationRequest request) {
    return submit(request, ProgressListener.NONE);
  }

  /** Evaluates in {@code RUN/work/<digest>/}, its training steps told to {@code progress}; cancelling the future kills the process that trains it. */
  @Override
  public CompletableFuture<EvaluationResult> submit(EvaluationRequest request, ProgressListener progress) {
    CompletableFuture<Void> stop = new CompletableFuture<>();
    Consumer<String> steps = line -> {
      TrainingProgress p = WorkerProcess.parseProgress(line);
      if (p != null) progress.onStep(p);
    };
    CompletableFuture<EvaluationResult> f = CompletableFuture.supplyAsync(
        () -> evaluate(request, runDir.resolve("work").resolve(request.digest()), steps, stop), dispatch);
    f.whenComplete((r, e) -> {
      if (f.isCancelled()) stop.complete(null);
    });
    return f;
  }

  /**
   * Evaluates {@code request} into {@code out} on the next idle process, on this thread: its
   * training steps are passed to {@code progress} (as {@link WorkerProcess#progressLine} writes them); completing {@code stop}
   * kills the process and ends this call with a {@link CancellationException}. A process that
   * dies otherwise is replaced and the request tried once more.
   */
  public EvaluationResult evaluate(EvaluationRequest request, Path out, Consumer<String> progress, CompletableFuture<Void> stop) {
    EvaluationResult done = EvaluationUnit.existing(request, out);
    if (done != null) return done;
    Path file = out.resolve(EvaluationUnit.REQUEST);
    AtomicFiles.writeString(file, request.toJson());
    for (int attempt = 1; ; attempt++) {
      if (stop.isDone()) throw new CancellationException("evaluation of " + request.hash() + " cancelled");
      Child child;
      try {
        child = idle.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted");
      }
      CompletableFuture<Void> killer = stop.thenRun(child.process::destroyForcibly);
      String answer;
      try {
        answer = child.ask(file, out, progress);
      } catch (IOException e) {
        answer = null;
      } finally {
        killer.cancel(false);
      }
      if (answer == null) {
        String last = lastLine(child.log);
        idle.add(replace(child));
        if (stop.isDone()) throw new CancellationException("evaluation of " + request.hash() + " cancelled");
        if (attempt < 2) continue;
        throw new IllegalStateException("worker process died twice evaluating " + request.hash() + " (" + child.log + " ends: " + last + ")");
      }
      idle.add(child);
      if (answer.startsWith("ok ")) return EvaluationResult.read(Path.of(answer.substring(3))).withAttempt(attempt);
      if (answer.startsWith(WorkerProcess.REFUSED)) throw new EvaluationUnit.Refusal(answer.substring(WorkerProcess.REFUSED.length()));
      throw new DelegatedProxyEvaluator.RemoteFailure(answer.startsWith("error ") ? answer.substring(6) : answer);
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "(empty)" : lines.getLast();
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  private synchronized Child replace(Child dead) {
    dead.process.destroyForcibly();
    all.remove(dead);
    try {
      Child c = new Child();
      all.add(c);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart a worker process: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean onThisMachine() {
    return true;
  }

  @Override
  public String describe() {
    return count + " worker process" + (count == 1 ? "" : "es") + " on this machine";
  }

  @Override
  public synchronized void close() {
    dispatch.shutdownNow();
    for (Child c : all) {
      try {
        c.in.close();
      } catch (IOException e) {
        // the process is gone already
      }
    }
    for (Child c : all) {
      try {
        if (!c.process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) c.process.destroyForcibly();
      } catch (InterruptedException e) {
        c.process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
