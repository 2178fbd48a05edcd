package org.edgenas.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.edgenas.cli.Main;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.search.SearchListener;
import org.edgenas.search.Search;
import org.edgenas.train.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cheap search through Temporal's test server with two worker JVMs on loopback ends with the
 * front of the same search trained in its own process; a driver killed mid-search and resumed
 * re-attaches to the evaluations still in the cluster and starts none of them again.
 */
@Timeout(300)
class ClusterSearchTest {
  @TempDir Path root;

  @Test
  void twoTemporalWorkersGiveTheFrontOfTheInProcessRun() throws Exception {
    Path plain = SearchFixture.project(root.resolve("plain"), 5);
    Search.start(plain, root.resolve("results/inprocess"),
        new Search.Options("test", List.of(), 2, null).withPlugins((r, dir) -> RecipeEvaluators.forRecipe(r, dir, h -> ProgressListener.NONE)),
        SearchListener.SILENT);
    try (ClusterFixture.Server server = new ClusterFixture.Server();
        ClusterFixture.WorkerJvm a = ClusterFixture.worker(server.target(), "search", 1, root.resolve("a"));
        ClusterFixture.WorkerJvm b = ClusterFixture.worker(server.target(), "search", 1, root.resolve("b"))) {
      Path recipe = SearchFixture.project(root.resolve("cluster"), 5);
      Files.writeString(recipe, ClusterFixture.recipeSection(server.target(), "search", root.resolve("artifacts"), 10),
          java.nio.file.StandardOpenOption.APPEND);
      String[] run = WorkerFixture.cli(0, "search", recipe.toString(), "--results", root.resolve("results").toString(), "--run", "cluster");
      assertTrue(run[0].contains("proxy training on the Temporal cluster at " + server.target()), run[0]);
      assertEquals(SearchFixture.front(root.resolve("results/inprocess")), SearchFixture.front(root.resolve("results/cluster")));
      Set<String> workers = new TreeSet<>();
      try (var dirs = Files.list(root.resolve("artifacts"))) {
        for (Path d : dirs.toList()) workers.add(EvaluationResult.read(d.resolve("result.json")).worker());
      }
      assertEquals(2, workers.size(), "both workers trained: " + workers);
    }
  }

  @Test
  void aServerLostMidSearchStopsItInOneLineWithItsCheckpointIntact() throws Exception {
    Path recipe = SearchFixture.project(root.resolve("lost"), 5);
    Path runDir = root.resolve("results/lost");
    ClusterFixture.Server server = new ClusterFixture.Server();
    Files.writeString(recipe, ClusterFixture.recipeSection(server.target(), "nobody-polls", root.resolve("artifacts"), 10)
        .replace("wait_seconds: 5", "wait_seconds: 3"), java.nio.file.StandardOpenOption.APPEND);
    var search = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> WorkerFixture.cli(1, "search", recipe.toString(), "--results", root.resolve("results").toString(), "--run", "lost"));
    Path checkpoints = runDir.resolve("checkpoints");
    for (int i = 0; i < 600 && !(Files.isDirectory(checkpoints) && Files.list(checkpoints).findAny().isPresent()); i++) Thread.sleep(100);
    Thread.sleep(1000);
    List<String> before = new ArrayList<>();
    try (var files = Files.list(checkpoints)) {
      for (Path f : files.sorted().toList()) before.add(f.getFileName() + " " + Files.readString(f).hashCode());
    }
    server.close();
    String[] out = search.get(120, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(out[0].contains("is unreachable (") && out[0].contains("): waiting up to 3 s"), out[0]);
    String err = out[1].strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.contains("is unreachable after 3 s") && err.endsWith("its last checkpoint is intact (edgenas resume continues it)"), err);
    List<String> after = new ArrayList<>();
    try (var files = Files.list(checkpoints)) {
      for (Path f : files.sorted().toList()) after.add(f.getFileName() + " " + Files.readString(f).hashCode());
    }
    assertEquals(before, after);
    assertTrue(!before.isEmpty());
  }

  @Test
  void aKilledDriverResumedReattachesAndStartsNothingAgain() throws Exception {
    try (ClusterFixture.Server server = new ClusterFixture.Server();
        ClusterFixture.WorkerJvm w = ClusterFixture.worker(server.target(), "resume", 1, root.resolve("w"))) {
      Path recipe = SearchFixture.project(root.resolve("p"), 11);
      Path profile = root.resolve("p/evaluators/tiny-proxy.yaml");
      Files.writeString(profile, Files.readString(profile).replace("steps: 6,", "steps: 40,"));
      Files.writeString(recipe, ClusterFixture.recipeSection(server.target(), "resume", root.resolve("artifacts"), 10),
          java.nio.file.StandardOpenOption.APPEND);
      Path runDir = root.resolve("results/r");
      Process driver = new ProcessBuilder(LocalWorkers.javaCommand(Main.class, List.of("search", recipe.toString(), "--results",
          root.resolve("results").toString(), "--run", "r"))).redirectErrorStream(true).redirectOutput(root.resolve("driver.log").toFile()).start();
      try {
        assertTrue(w.await(l -> l.startsWith("training "), 180), "the worker trains: " + w.lines());
      } finally {
        driver.destroyForcibly().waitFor();
      }
      String[] resumed = WorkerFixture.cli(0, "resume", runDir.toString());
      String story = resumed[0] + "\nworker: " + w.lines() + "\ndriver: " + Files.readString(root.resolve("driver.log"));
      assertTrue(resumed[0].contains("re-attached to evaluation edgenas-"), story);
      List<String> evaluating = new ArrayList<>();
      for (String l : w.lines()) if (l.startsWith("evaluating ")) evaluating.add(l.split(" ")[1]);
      assertEquals(new TreeSet<>(evaluating).size(), evaluating.size(), "no evaluation started twice: " + story);
      assertTrue(Files.readString(runDir.resolve("pareto/front.json")).contains("\"members\""));
    }
  }
}
