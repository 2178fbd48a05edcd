package org.edgenas.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A recipe's {@code cluster:} section: proxy evaluations go to the workers of a Temporal cluster
 * ({@code edgenas worker --temporal HOST:PORT --queue NAME} on each machine); latency measurements
 * stay with the driver.
 *
 * @param temporal the Temporal frontend as {@code HOST:PORT}
 * @param queue the task queue the workers poll
 * @param artifacts the folder every worker and the driver reach under this same path (a shared
 *     mount): workers write each result and its model there, the driver checks their SHA-256
 * @param heartbeatSeconds a worker silent this long is taken for dead and its evaluation retried on
 *     another (default {@value #DEFAULT_HEARTBEAT_SECONDS})
 * @param waitSeconds how long the driver waits for an unreachable server before it stops, its
 *     checkpoint intact (default {@value #DEFAULT_WAIT_SECONDS})
 */
public record Cluster(String temporal, String queue, Path artifacts, int heartbeatSeconds, int waitSeconds) {
  /** The keys of the section. */
  public static final List<String> KEYS = List.of("temporal", "queue", "artifacts", "heartbeat_seconds", "wait_seconds");
  public static final int DEFAULT_HEARTBEAT_SECONDS = 30;
  public static final int DEFAULT_WAIT_SECONDS = 60;

  public Cluster {
    Objects.requireNonNull(temporal, "temporal");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(artifacts, "artifacts");
    if (!temporal.matches("[A-Za-z0-9_.\\[\\]:-]+:\\d{1,5}")) throw new IllegalArgumentException("temporal must be HOST:PORT, was " + temporal);
    if (!queue.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("queue must be letters, digits, _ . -, was " + queue);
    if (heartbeatSeconds < 1) throw new IllegalArgumentException("heartbeat_seconds must be at least 1, was " + heartbeatSeconds);
    if (waitSeconds < 0) throw new IllegalArgumentException("wait_seconds must be at least 0, was " + waitSeconds);
  }
}
