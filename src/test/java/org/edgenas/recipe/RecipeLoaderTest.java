package org.edgenas.recipe;

import org.edgenas.search.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeLoaderTest {
  @TempDir Path root;

  @Test
  void theShippedRecipesLoad() {
    Recipe smoke = RecipeLoader.load(Path.of("search/smoke.yaml"));
    assertEquals(3, smoke.objectives().size());
    assertEquals(5.0, smoke.devices().get("local").budgetMs());
    Recipe quick = RecipeLoader.load(Path.of("search/quickstart.yaml"));
    assertEquals(Goal.MAX, quick.objectives().getFirst().goal());
    assertEquals("map50_95", quick.objectives().getFirst().metric());
    assertEquals(3, quick.trainPerGeneration());
    Recipe speed = RecipeLoader.load(Path.of("search/training-speed.yaml"));
    assertEquals(Objective.TRAINING_SPEED, speed.objectives().getFirst().metric());
    assertTrue(speed.objectives().getFirst().isAccuracy());
  }

  @Test
  void anUnknownDeviceNamesTheRecipeLineAndTheMissingFile() {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "x", TestProject.tinyRecipe(8, 2, 10, 1).replace("local: {budget_ms: 10.0}",
        "local: {budget_ms: 10.0}\n  rpi5: {budget_ms: 30}"));
    var e = assertThrows(BadInputException.class, () -> RecipeLoader.load(recipe));
    assertTrue(e.getMessage().matches(".*x\\.yaml:10: devices\\.rpi5 has no devices/rpi5\\.yaml"), e.getMessage());
  }

  @Test
  void badFieldsAreNamedWithTheirLine() {
    TestProject.create(root);
    String good = TestProject.tinyRecipe(8, 2, 10, 1);
    assertMessage(good.replace("goal: min}\n  - {metric: gflops", "goal: down}\n  - {metric: gflops"), ":5: objectives[0].goal must be min or max, was down");
    assertMessage(good.replace("metric: gflops", "metric: flops"), ":6: objectives[1].metric must be one of");
    assertMessage(good.replace("device: local, ", "device: rpi5, "), ":7: objectives[2].device rpi5 is not under devices:");
    assertMessage(good.replace("population: 8", "population: 2"), ":10: population must be 4..10000, was 2");
    assertMessage(good.replace("schema: 1", "schema: 9"), ":1: schema 9 is not supported");
    assertMessage(good + "colour: blue\n", ":13: unknown key 'colour'; allowed: schema, name, description, space, dataset");
    assertMessage(good.replace("spaces/tiny.yaml", "spaces/none.yaml"), ":2: space spaces/none.yaml does not exist");
  }

  @Test
  void workersAndClusterAreReadAndCheckedWithTheirLine() {
    TestProject.create(root);
    String good = TestProject.tinyRecipe(8, 2, 10, 1);
    Recipe plain = RecipeLoader.load(TestProject.recipe(root, "plain", good));
    assertEquals(0, plain.workers());
    assertEquals(null, plain.cluster());
    assertEquals(3, RecipeLoader.load(TestProject.recipe(root, "w", good + "workers: 3\n")).workers());
    Recipe c = RecipeLoader.load(TestProject.recipe(root, "c", good + "cluster: {temporal: lab:7233, queue: nas, artifacts: /mnt/a}\n"));
    assertEquals(new Cluster("lab:7233", "nas", Path.of("/mnt/a"), Cluster.DEFAULT_HEARTBEAT_SECONDS, Cluster.DEFAULT_WAIT_SECONDS), c.cluster());
    assertMessage(good + "workers: 0\n", ":13: workers must be 1..1024, was 0");
    assertMessage(good + "cluster: {temporal: lab, queue: nas, artifacts: /mnt/a}\n", ":13: cluster.temporal must be HOST:PORT, was lab");
    assertMessage(good + "cluster: {temporal: lab:7233, queue: nas, artifacts: shared}\n",
        ":13: cluster.artifacts must be an absolute path or file: URI (workers on other machines read it), was shared");
    assertMessage(good + "cluster: {temporal: lab:7233, artifacts: /a}\n", ":13: cluster.queue is missing");
    assertMessage(good + "cluster: {temporal: lab:7233, queue: q, artifacts: /a, slots: 2}\n", ":13: unknown key 'cluster.slots'; allowed: temporal, queue, artifacts, heartbeat_seconds, wait_seconds");
    assertMessage(good + "workers: 2\ncluster: {temporal: lab:7233, queue: q, artifacts: /a}\n",
        ":13: workers applies to this machine; with cluster: each worker says its own --slots");
  }

  @Test
  void aFinalProfileMustHaveAProxySection() throws Exception {
    TestProject.create(root);
    java.nio.file.Files.createDirectories(root.resolve("evaluators"));
    java.nio.file.Files.copy(TestProject.REPO.resolve("evaluators/latency-default.yaml"), root.resolve("evaluators/latency-default.yaml"));
    java.nio.file.Files.copy(TestProject.REPO.resolve("evaluators/proxy-long.yaml"), root.resolve("evaluators/proxy-long.yaml"));
    String good = TestProject.tinyRecipe(8, 2, 10, 1);
    Recipe r = RecipeLoader.load(TestProject.recipe(root, "f", good + "final: evaluators/proxy-long.yaml\n"));
    assertEquals("proxy-long", r.finalProfile().name());
    assertTrue(r.inputs().contains(root.resolve("evaluators/proxy-long.yaml").toAbsolutePath().normalize()), r.inputs().toString());
    assertEquals(null, RecipeLoader.load(TestProject.recipe(root, "plain", good)).finalProfile());
    assertMessage(good + "final: evaluators/latency-default.yaml\n", ":13: final: evaluators/latency-default.yaml has no proxy: section");
    assertMessage(good + "final: evaluators/none.yaml\n", ":13: final evaluators/none.yaml does not exist");
  }

  @Test
  void theTrainingSpeedObjectiveIsRefusedWhereItWouldMislead() throws Exception {
    TestProject.create(root);
    java.nio.file.Files.createDirectories(root.resolve("evaluators"));
    for (String p : new String[] {"training-speed.yaml", "supernet.yaml"}) {
      java.nio.file.Files.copy(TestProject.REPO.resolve("evaluators/" + p), root.resolve("evaluators/" + p));
    }
    String tiny = java.nio.file.Files.readString(root.resolve("spaces/tiny.yaml"));
    String fixed = "body: {prune: 0, bits: 32}";
    java.nio.file.Files.writeString(root.resolve("spaces/tiny-float.yaml"),
        tiny.replace("body: {prune: {choose: [0, 0.5]}, bits: {choose: [32, 8]}}", fixed));
    String good = TestProject.tinyRecipe(8, 2, 10, 1).replace("spaces/tiny.yaml", "spaces/tiny-float.yaml")
        .replace("{metric: params, goal: min}", "{metric: training_speed, goal: max}") + "profile: evaluators/training-speed.yaml\n";
    Recipe r = RecipeLoader.load(TestProject.recipe(root, "ok", good));
    assertEquals(Objective.TRAINING_SPEED, r.objectives().getFirst().metric());

    assertMessage(good.replace("spaces/tiny-float.yaml", "spaces/tiny.yaml"), ":2: objective training_speed scores the float, unpruned"
        + " network and cannot see pruning or bit widths, which would then look free; space " + root.resolve("spaces/tiny.yaml")
        + " chooses body.prune, body.bits");
    assertMessage(good.replace("training_speed, goal: max", "training_speed, goal: min"), ":5: objective training_speed is higher for"
        + " a better architecture: its goal must be max");
    assertMessage(good + "train_per_generation: 3\n", ":14: objective training_speed needs every candidate trained"
        + " (train_per_generation 3 < population 8)");
    assertMessage(good.replace("training-speed.yaml", "supernet.yaml") + "accuracy: supernet\n", ":14: objective training_speed is taken"
        + " from each candidate's own proxy training, which accuracy: supernet does not run");
    assertMessage(good.replace("profile: evaluators/training-speed.yaml\n", ""), ":1: objective training_speed needs an evaluator"
        + " profile with a proxy: section (profile: evaluators/training-speed.yaml), none is named");
  }

  private void assertMessage(String yaml, String expected) {
    Path recipe = TestProject.recipe(root, "bad", yaml);
    var e = assertThrows(BadInputException.class, () -> RecipeLoader.load(recipe));
    assertTrue(e.getMessage().contains("bad.yaml" + expected), e.getMessage());
  }
}
