package org.edgenas.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.edgenas.eval.CandidateModels;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Cluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two worker JVMs on loopback; the one that took the evaluation is SIGKILLed after its first
 * training step: after the heartbeat timeout the evaluation runs again on the other, and the
 * answer records the second attempt and the worker that gave it.
 */
@Timeout(300)
class ClusterFaultTest {
  @TempDir Path root;

  @Test
  void aWorkerKilledMidTrainingIsRetriedOnAnotherAfterTheHeartbeatTimeout() throws Exception {
    Path profile = WorkerFixture.profile(root);
    Files.writeString(profile, WorkerFixture.PROFILE.replace("steps: 6,", "steps: 80,"));
    Candidate candidate = WorkerFixture.candidate(3);
    List<String> log = new CopyOnWriteArrayList<>();
    try (ClusterFixture.Server server = new ClusterFixture.Server();
        ClusterFixture.WorkerJvm a = ClusterFixture.worker(server.target(), "faults", 1, root.resolve("a"));
        ClusterFixture.WorkerJvm b = ClusterFixture.worker(server.target(), "faults", 1, root.resolve("b"));
        TemporalBackend backend = new TemporalBackend(new Cluster(server.target(), "faults", root.resolve("artifacts"), 3, 5), "k1", log::add)) {
      var evaluator = new DelegatedProxyEvaluator(WorkerFixture.template(profile), backend, new CandidateModels(root.resolve("models")), log::add,
          h -> org.edgenas.train.ProgressListener.NONE);
      var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return evaluator.evaluate(candidate);
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      ClusterFixture.WorkerJvm first = null;
      for (int i = 0; i < 1200 && first == null; i++) {
        for (var w : List.of(a, b)) if (w.lines().stream().anyMatch(l -> l.startsWith("training "))) first = w;
        Thread.sleep(50);
      }
      assertTrue(first != null, "no worker started training: " + a.lines() + " " + b.lines());
      long killedAt = System.nanoTime();
      first.process().destroyForcibly();
      ClusterFixture.WorkerJvm other = first == a ? b : a;
      Map<String, Measure> values = answer.get(180, java.util.concurrent.TimeUnit.SECONDS);
      double retryAfter = (System.nanoTime() - killedAt) / 1e9;

      assertTrue(other.lines().stream().anyMatch(l -> l.startsWith("evaluating ") && l.endsWith(" attempt 2")), other.lines().toString());
      assertTrue(first.lines().stream().noneMatch(l -> l.startsWith("done ")), "the killed worker finished nothing: " + first.lines());
      String method = values.get("train_seconds").method();
      assertTrue(method.contains("attempt 2 (earlier attempts lost with their worker)"), method);
      assertTrue(log.stream().anyMatch(l -> l.contains("succeeded on attempt 2")), log.toString());
      assertTrue(retryAfter >= 3, "retried only after the 3 s heartbeat timeout, was " + retryAfter);
      assertEquals(Measure.class, values.get("map50_95").getClass());
      assertTrue(Files.size(root.resolve("models").resolve(candidate.hash() + "-deployed.onnx")) > 1000);
    }
  }
}
