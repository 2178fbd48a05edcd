package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;
import org.edgenas.run.RunRecord;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run.json records the {@code final:} profile and the {@code supernet: PATH} file, each with its
 * path and SHA-256. The final profile is an input copied into the run: a resume reads the copy, so
 * an edited original changes nothing there (a search into the same folder refuses it), and an edited
 * copy is refused. The supernet file is not copied: a resume finds it by the recorded path and
 * refuses it when its bytes changed or it is gone.
 */
class RecordedInputsTest {
  @TempDir Path tmp;

  @Test
  void theFinalProfileAndTheSupernetFileAreRecordedAndAChangeIsRefused() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.createDirectories(root.resolve("models"));
    Files.writeString(root.resolve("evaluators/sn.yaml"), """
        proxy: {imgsz: 64, steps: 2, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
                momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        supernet: {random_paths: 1, checkpoint_every: 1, bn_batches: 1}
        """);
    Path longProfile = root.resolve("evaluators/proxy-long.yaml");
    Files.copy(TestProject.REPO.resolve("evaluators/proxy-long.yaml"), longProfile);
    Path supernet = root.resolve("models/sn.bin");
    byte[] snBytes = "stands in for a supernet file: these evaluators do not read it".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(supernet, snBytes);
    Path recipe = TestProject.recipe(root, "reuse", """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        objectives:
          - {metric: map50_95, goal: max}
          - {metric: latency_ms, device: local, goal: min}
        devices:
          local: {budget_ms: 1.3}
        population: 4
        generations: 1
        profile: evaluators/sn.yaml
        supernet: models/sn.bin
        final: evaluators/proxy-long.yaml
        seed: 5
        """);
    Search.Options options = new Search.Options("test", FixtureRun.evaluators(), 1, null)
        .withFinals((r, dir) -> new FinalTrainingTest.Standalone());
    Path dir = tmp.resolve("run");
    Search.start(recipe, dir, options, SearchListener.SILENT);

    RunRecord.Settings settings = RunRecord.read(dir.resolve("run.json")).recipe();
    assertEquals(new RunRecord.InputFile("evaluators/proxy-long.yaml", Sha256.hex(longProfile)), settings.finalProfile());
    assertEquals(Sha256.hex(dir.resolve("inputs/evaluators/proxy-long.yaml")), settings.finalProfile().sha256(), "the run's copy");
    assertEquals(new RunRecord.InputFile(supernet.toAbsolutePath().normalize().toString(), Sha256.hex(snBytes)), settings.supernet());
    assertTrue(Files.readString(dir.resolve("run.json")).contains("\"final\" : {"), "the key is final");
    assertTrue(Files.notExists(dir.resolve("inputs/models/sn.bin")), "the supernet file is not copied into the run");

    // resumed from the run's copy of the recipe, whose supernet: models/sn.bin does not resolve there: found by the recorded path
    Search.resume(dir, options, SearchListener.SILENT);

    // the original final profile edited: the resume goes on with the run's copy; a search into the folder is refused
    String profileText = Files.readString(longProfile);
    Files.writeString(longProfile, profileText + "# edited\n");
    Search.resume(dir, options, SearchListener.SILENT);
    var e = assertThrows(BadInputException.class, () -> Search.start(recipe, dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().contains("belongs to another recipe"), e.getMessage());
    Files.writeString(longProfile, profileText);
    // the run's copy edited: refused
    Path copy = dir.resolve("inputs/evaluators/proxy-long.yaml");
    Files.writeString(copy, profileText + "# edited\n");
    e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().contains("belongs to another recipe"), e.getMessage());
    Files.writeString(copy, profileText);

    // the supernet file changed: refused on resume and on a search into the folder, naming the file and both hashes
    Files.writeString(supernet, "another supernet");
    String expected = supernet + ": the supernet file changed since " + dir + " started (run.json records sha256 "
        + Sha256.hex(snBytes).substring(0, 16) + "…, the file now hashes to " + Sha256.hex(Files.readAllBytes(supernet)).substring(0, 16) + "…)";
    e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    e = assertThrows(BadInputException.class, () -> Search.start(recipe, dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    // gone: refused naming run.json and the path
    Files.delete(supernet);
    e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(dir.resolve("run.json") + ": recipe.supernet " + supernet.toAbsolutePath().normalize()
        + " does not exist"), e.getMessage());
    Files.write(supernet, snBytes);
    Search.resume(dir, options, SearchListener.SILENT);
    Files.move(supernet, root.resolve("models/moved.bin"), StandardCopyOption.ATOMIC_MOVE);
    assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
  }
}
