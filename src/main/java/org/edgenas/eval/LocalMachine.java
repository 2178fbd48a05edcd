package org.edgenas.eval;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * This machine shared between proxy training and local latency measurement: trainings and mAP
 * evaluations hold the read side, a measurement holds the write side, so a latency is never taken
 * while other work competes for the cores. Trainings run on {@link #TRAINER}, one thread: DJL's PyTorch engine
 * allows one gradient collector per process, and its grad mode is per thread (a training on a
 * fresh pool thread fails with "a leaf Variable that requires grad is being used in an in-place
 * operation"), so proxy trainings run one at a time on the same thread, while ONNX evaluation of
 * other candidates goes on beside them.
 */
public final class LocalMachine {
  static final ReadWriteLock LOCK = new ReentrantReadWriteLock(true);
  static final java.util.concurrent.ExecutorService TRAINER = java.util.concurrent.Executors.newSingleThreadExecutor(
      Thread.ofPlatform().name("edgenas-trainer").daemon(true).factory());

  /** Runs a training on the trainer thread and waits for it. */
  static <T> T train(java.util.concurrent.Callable<T> training) {
    try {
      return TRAINER.submit(() -> {
        LOCK.readLock().lock();
        try {
          return training.call();
        } finally {
          LOCK.readLock().unlock();
        }
      }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a training", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Runs {@code work} holding the training side of the lock, on the calling thread: for trainings
   * done by other processes of this machine (local worker processes), so no latency is measured
   * here while they run.
   */
  public static <T> T whileTraining(java.util.concurrent.Callable<T> work) throws Exception {
    LOCK.readLock().lock();
    try {
      return work.call();
    } finally {
      LOCK.readLock().unlock();
    }
  }

  private LocalMachine() {}
}
