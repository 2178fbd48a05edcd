package org.edgenas.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.function.Consumer;

/** A connection to a Temporal frontend, waited for: one line when it is unreachable, then a bounded wait. */
final class TemporalConnection {
  private TemporalConnection() {}

  /** Connected stubs for {@code target}; an {@link IllegalStateException} naming it after {@code wait} without an answer. */
  static WorkflowServiceStubs connect(String target, Duration wait, Consumer<String> say) {
    WorkflowServiceStubsOptions options = WorkflowServiceStubsOptions.newBuilder().setTarget(target).build();
    RuntimeException last;
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(options, Duration.ofSeconds(3));
    } catch (RuntimeException e) {
      last = e;
    }
    say.accept("Temporal at " + target + " is unreachable (" + reason(last) + "): waiting up to " + wait.toSeconds() + " s");
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(500);
        long left = Math.max(200_000_000L, deadline - System.nanoTime());
        return WorkflowServiceStubs.newConnectedServiceStubs(options, Duration.ofNanos(Math.min(left, 3_000_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException("Temporal at " + target + " is unreachable after " + wait.toSeconds() + " s (" + reason(last) + ")");
  }

  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
