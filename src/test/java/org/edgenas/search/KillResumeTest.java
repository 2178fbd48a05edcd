package org.edgenas.search;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search killed (SIGKILL, in a child JVM) in the middle of a generation and resumed ends with the
 * same front as the same search left alone, and evaluates nothing twice; a truncated latest
 * checkpoint on top of that is reported and the previous one used.
 */
class KillResumeTest {
  private static final int GENERATIONS = 6;
  private static final long PROBE_MS = 40;

  @TempDir Path root;

  @Test
  void aKilledAndResumedRunEndsWithTheFrontOfARunLeftAlone() throws Exception {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "kill", TestProject.tinyRecipe(10, GENERATIONS, 1.3, 11));
    Path reference = root.resolve("results/reference");
    Search.start(recipe, reference, TestProject.options(new TestProject.SlowProbe(0)), SearchListener.SILENT);

    Path run = root.resolve("results/killed");
    Process child = new ProcessBuilder(javaCommand(), "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xss16m",
        "-cp", System.getProperty("java.class.path"), KillResumeChild.class.getName(), recipe.toString(), run.toString(),
        String.valueOf(PROBE_MS))
        .redirectErrorStream(true).redirectOutput(root.resolve("child.log").toFile()).start();
    Path evaluations = run.resolve("evaluations.jsonl");
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(run.resolve("checkpoints/gen-0002.json")) && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
    long sizeAtCheckpoint = Files.size(evaluations);
    while (Files.size(evaluations) == sizeAtCheckpoint && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
    child.destroyForcibly().waitFor();
    assertTrue(Files.exists(run.resolve("checkpoints/gen-0002.json")), "child exit " + child.exitValue() + ", log: " + Files.readString(root.resolve("child.log")));
    assertFalse(Files.exists(run.resolve("checkpoints/gen-000" + GENERATIONS + ".json")), "the child was killed before the end");

    Set<String> probedBeforeKill = probedHashes(evaluations);
    Path latest = latestCheckpoint(run);
    byte[] bytes = Files.readAllBytes(latest);
    Files.write(latest, java.util.Arrays.copyOf(bytes, bytes.length / 3));

    TestProject.SlowProbe probe = new TestProject.SlowProbe(0);
    StringBuilder err = new StringBuilder();
    Search.resume(run, TestProject.options(probe), new SearchListener() {
      @Override
      public void warn(String message) {
        err.append(message).append('\n');
      }
    });
    assertTrue(err.toString().contains(latest.getFileName() + " is damaged"), err.toString());
    for (String hash : probe.calls.keySet()) assertFalse(probedBeforeKill.contains(hash), "evaluated again after the kill: " + hash);
    assertFalse(probe.calls.isEmpty(), "the resumed run had work left");
    System.out.printf("kill-and-resume: %d architectures probed before the kill, %d after, resumed from %s%n",
        probedBeforeKill.size(), probe.calls.size(), latest.getFileName() + " (truncated) -> previous");
    assertTrue(probe.calls.values().stream().allMatch(c -> c.get() == 1), "each new architecture probed once");

    assertEquals(frontMembers(reference), frontMembers(run));
    assertEquals(probedHashes(reference.resolve("evaluations.jsonl")), probedHashes(evaluations), "the same architectures evaluated");
  }

  private static String frontMembers(Path run) throws IOException {
    return Json.mapper().readTree(run.resolve("pareto/front.json").toFile()).path("members").toString();
  }

  private static Set<String> probedHashes(Path evaluations) throws IOException {
    return Files.readAllLines(evaluations).stream().filter(l -> l.contains("\"evaluator\":\"slow-probe\""))
        .map(l -> l.replaceAll(".*\"hash\":\"([0-9a-f]+)\".*", "$1")).collect(Collectors.toSet());
  }

  private static Path latestCheckpoint(Path run) throws IOException {
    try (var files = Files.list(run.resolve("checkpoints"))) {
      List<Path> sorted = files.sorted().toList();
      return sorted.getLast();
    }
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
