package org.edgenas.worker;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.edgenas.cli.Main;

/** Temporal's test server bound to 127.0.0.1, and {@code edgenas worker} JVMs on loopback, for cluster tests. */
public final class ClusterFixture {
  private ClusterFixture() {}

  /** An in-JVM Temporal test server on a free loopback port (real time: no time skipping). */
  public static final class Server implements AutoCloseable {
    private final TestServicesStarter services = new TestServicesStarter(true, 0);
    private final io.grpc.Server grpc;

    public Server() throws IOException {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      grpc = builder.build().start();
    }

    public String target() {
      return "127.0.0.1:" + grpc.getPort();
    }

    @Override
    public void close() {
      grpc.shutdownNow();
      services.close();
    }
  }

  /** One {@code edgenas worker} JVM, its output in {@code log}. */
  public record WorkerJvm(Process process, Path log) implements AutoCloseable {
    public List<String> lines() {
      try {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
      } catch (IOException e) {
        return List.of();
      }
    }

    /** Waits (at most {@code seconds}) for a line of its log that passes {@code test}; false when none came. */
    public boolean await(Predicate<String> test, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        if (lines().stream().anyMatch(test)) return true;
        Thread.sleep(100);
      }
      return false;
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /** Starts {@code edgenas worker --temporal TARGET --queue QUEUE --slots K} in a new JVM with its work folder in {@code dir}. */
  public static WorkerJvm worker(String target, String queue, int slots, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("worker.log");
    List<String> cmd = new ArrayList<>(LocalWorkers.javaCommand(Main.class, List.of("worker", "--temporal", target, "--queue", queue,
        "--slots", String.valueOf(slots), "--work", dir.resolve("work").toString(), "--wait", "10")));
    cmd.add(1, "-Dedgenas.exitWithParent=true");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    WorkerJvm w = new WorkerJvm(p, log);
    if (!w.await(l -> l.startsWith("worker "), 60)) throw new IllegalStateException("worker did not start: " + w.lines());
    return w;
  }

  /** The cluster section of a recipe for this server. */
  public static String recipeSection(String target, String queue, Path artifacts, int heartbeatSeconds) {
    return """
        cluster:
          temporal: %s
          queue: %s
          artifacts: %s
          heartbeat_seconds: %d
          wait_seconds: 5
        """.formatted(target, queue, artifacts.toAbsolutePath(), heartbeatSeconds);
  }
}
