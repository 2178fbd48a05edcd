package org.edgenas.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.edgenas.recipe.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM on loopback refuses a request of another edgenas version, or for another copy of the
 * dataset, without retrying it: the driver's future fails with the worker's sentence, logged once;
 * a server nobody answers on is reported in one line and given up after the bounded wait.
 */
@Timeout(300)
class ClusterRefusalTest {
  @TempDir Path root;

  @Test
  void aWorkerOfAnotherVersionOrDatasetIsRefusedWithItsSentenceOnTheDriver() throws Exception {
    EvaluationRequest ok = WorkerFixture.request(WorkerFixture.template(WorkerFixture.profile(root)), 3);
    EvaluationRequest otherVersion = new EvaluationRequest(ok.format(), ok.version(), "9.9.9", ok.hash(), ok.architecture(),
        ok.imgsz(), ok.masterSeed(), ok.dataset(), ok.datasetFingerprint(), ok.profileName(), ok.profileText(), ok.profileHash());
    EvaluationRequest otherData = new EvaluationRequest(ok.format(), ok.version(), ok.edgenasVersion(), ok.hash(), ok.architecture(),
        ok.imgsz(), ok.masterSeed(), ok.dataset(), "0123456789abcdef", ok.profileName(), ok.profileText(), ok.profileHash());
    List<String> log = new CopyOnWriteArrayList<>();
    try (ClusterFixture.Server server = new ClusterFixture.Server();
        ClusterFixture.WorkerJvm worker = ClusterFixture.worker(server.target(), "refusals", 1, root.resolve("w1"));
        TemporalBackend driver = new TemporalBackend(new Cluster(server.target(), "refusals", root.resolve("artifacts"), 5, 5), "r1", log::add)) {
      var e = assertThrows(ExecutionException.class, () -> driver.submit(otherVersion).get());
      assertTrue(e.getCause().getMessage().contains("runs edgenas 0.1.0-dev but the driver runs 9.9.9: start workers of the driver's version"),
          e.getCause().getMessage());
      e = assertThrows(ExecutionException.class, () -> driver.submit(otherData).get());
      assertTrue(e.getCause().getMessage().contains("but 0123456789abcdef on the driver (another copy of the dataset?); refused"),
          e.getCause().getMessage());
      assertEquals(2, log.stream().filter(l -> l.startsWith("a worker refused an evaluation: ")).count(), log.toString());
      assertEquals(2, worker.lines().stream().filter(l -> l.startsWith("refused ")).count(), "not retried: " + worker.lines());
    }
  }

  @Test
  void aServerLostWhileEvaluationsArePendingIsOneLineThenStopsThemAfterTheWait() throws Exception {
    EvaluationRequest request = WorkerFixture.request(WorkerFixture.template(WorkerFixture.profile(root)), 3);
    List<String> log = new CopyOnWriteArrayList<>();
    ClusterFixture.Server server = new ClusterFixture.Server();
    try (TemporalBackend driver = new TemporalBackend(new Cluster(server.target(), "nobody-polls", root.resolve("artifacts"), 5, 3), "r3",
        log::add)) {
      var pending = driver.submit(request);
      server.close();
      long t0 = System.nanoTime();
      var e = assertThrows(ExecutionException.class, () -> pending.get(60, java.util.concurrent.TimeUnit.SECONDS));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(e.getCause() instanceof ClusterUnreachableError, e.toString());
      assertTrue(e.getCause().getMessage().contains("is unreachable after 3 s") && e.getCause().getMessage()
          .endsWith("the search stops; its last checkpoint is intact (edgenas resume continues it)"), e.getCause().getMessage());
      assertEquals(1, log.stream().filter(l -> l.contains("is unreachable")).count(), log.toString());
      assertTrue(seconds >= 3 && seconds < 30, "stopped after the bounded wait, took " + seconds + " s");
    }
  }

  @Test
  void anUnreachableServerIsOneLineAndABoundedWait() {
    List<String> log = new CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    var e = assertThrows(IllegalStateException.class,
        () -> new TemporalBackend(new Cluster("127.0.0.1:1", "nobody", root.resolve("artifacts"), 5, 2), "r2", log::add));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, log.size(), log.toString());
    assertTrue(log.getFirst().startsWith("Temporal at 127.0.0.1:1 is unreachable ("), log.getFirst());
    assertTrue(log.getFirst().endsWith("): waiting up to 2 s"), log.getFirst());
    assertTrue(e.getMessage().startsWith("Temporal at 127.0.0.1:1 is unreachable after 2 s"), e.getMessage());
    assertTrue(seconds < 20, "bounded wait, took " + seconds + " s");
  }
}
