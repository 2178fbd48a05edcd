package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;
import org.edgenas.recipe.Recipe;
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

  /** A small search with an accuracy objective; a test adds its profile and files. */
  private static final String RECIPE = """
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
        """;
  /** The fixture evaluators, and a stand-in standalone trainer for the recipe's final: profile. */
  private static Search.Options withStandaloneFinals() {
    return new Search.Options("test", FixtureRun.evaluators(), 1, null).withFinals((r, dir) -> new FinalTrainingTest.Standalone());
  }

  /** A test project with an {@code evaluators/} folder and the yolov8n ONNX checkpoint at {@code checkpoint} inside it. */
  private Path projectWithCheckpoint(String checkpoint) throws java.io.IOException {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Path file = root.resolve(checkpoint);
    Files.createDirectories(file.getParent());
    Files.copy(TestProject.REPO.resolve("src/test/resources/ultralytics-onnx/yolov8n.onnx"), file);
    return root;
  }

  private static final String PROXY = """
        proxy: {imgsz: 64, steps: 2, batch: 4, optimizer: adamw, lr0: 0.002, lrf: 0.01, warmup_steps: 1, warmup_bias_lr: 0.002,
                momentum: 0.9, weight_decay: 0.0005, schedule: cosine, subset: 1.0, threads: 1, seed: 0}
        """;

  @Test
  void theFinalProfileAndTheSupernetFileAreRecordedAndAChangeIsRefused() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.createDirectories(root.resolve("models"));
    Files.writeString(root.resolve("evaluators/sn.yaml"), PROXY + """
        supernet: {random_paths: 1, checkpoint_every: 1, bn_batches: 1}
        """);
    Path longProfile = root.resolve("evaluators/proxy-long.yaml");
    Files.copy(TestProject.REPO.resolve("evaluators/proxy-long.yaml"), longProfile);
    Path supernet = root.resolve("models/sn.bin");
    byte[] snBytes = "stands in for a supernet file: these evaluators do not read it".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(supernet, snBytes);
    Path recipe = TestProject.recipe(root, "reuse", RECIPE + """
        profile: evaluators/sn.yaml
        supernet: models/sn.bin
        final: evaluators/proxy-long.yaml
        seed: 5
        """);
    Search.Options options = withStandaloneFinals();
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
    String expected = supernet + ": the supernet file changed since " + dir + " started (" + dir.resolve("run.json") + " records sha256 "
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

  /**
   * A profile's {@code init:} checkpoint, named relative to the profile's folder, is not copied into
   * the run either: run.json records it with its absolute path and SHA-256, a resume (whose copy of
   * the profile in {@code inputs/} cannot resolve the relative path) finds it there, and a changed or
   * missing checkpoint is refused on resume and on a search into the folder.
   */
  @Test
  void theInitCheckpointIsRecordedFoundOnResumeAndAChangeIsRefused() throws Exception {
    Path root = projectWithCheckpoint("checkpoints/yolov8n.onnx");
    Path checkpoint = root.resolve("checkpoints/yolov8n.onnx");
    byte[] ckptBytes = Files.readAllBytes(checkpoint);
    Files.writeString(root.resolve("evaluators/init.yaml"), PROXY + """
        init: ../checkpoints/yolov8n.onnx
        """);
    // the final: profile names it too, beside itself
    Files.writeString(root.resolve("evaluators/final.yaml"), Files.readString(root.resolve("evaluators/init.yaml"))
        .replace("init: ../checkpoints/yolov8n.onnx", "init: yolov8n.onnx"));
    Path finalCheckpoint = root.resolve("evaluators/yolov8n.onnx");
    Files.copy(checkpoint, finalCheckpoint);
    Path recipe = TestProject.recipe(root, "init", RECIPE + """
        profile: evaluators/init.yaml
        final: evaluators/final.yaml
        seed: 5
        """);
    Search.Options options = withStandaloneFinals();
    Path dir = tmp.resolve("run");
    Search.start(recipe, dir, options, SearchListener.SILENT);

    RunRecord.Settings settings = RunRecord.read(dir.resolve("run.json")).recipe();
    String recordedPath = checkpoint.toAbsolutePath().normalize().toString();
    assertEquals(new RunRecord.InputFile(recordedPath, Sha256.hex(ckptBytes)), settings.init());
    assertTrue(Files.readString(dir.resolve("run.json")).contains("\"init\" : {"), "the key is init");
    assertTrue(Files.notExists(dir.resolve("inputs/checkpoints/yolov8n.onnx")), "the checkpoint is not copied into the run");
    assertEquals(null, settings.supernet());
    assertEquals(new RunRecord.InputFile(finalCheckpoint.toAbsolutePath().normalize().toString(), Sha256.hex(ckptBytes)), settings.finalInit());
    assertTrue(Files.notExists(dir.resolve("inputs/evaluators/yolov8n.onnx")));

    // resumed from the run's copy of the profile, whose init: ../checkpoints/yolov8n.onnx does not resolve there
    Search.resume(dir, options, SearchListener.SILENT);

    // the checkpoint changed: refused on resume and on a search into the folder, naming the file, run.json and both hashes
    Files.writeString(checkpoint, "another checkpoint");
    String now = Sha256.hex(Files.readAllBytes(checkpoint));
    for (var call : java.util.List.<org.junit.jupiter.api.function.Executable>of(
        () -> Search.resume(dir, options, SearchListener.SILENT), () -> Search.start(recipe, dir, options, SearchListener.SILENT))) {
      var e = assertThrows(BadInputException.class, call);
      String m = e.getMessage();
      assertTrue(m.startsWith(recordedPath + ": the init: checkpoint changed since " + dir + " started"), m);
      assertTrue(m.contains(dir.resolve("run.json").toString()), m);
      assertTrue(m.contains(Sha256.hex(ckptBytes).substring(0, 16)) && m.contains(now.substring(0, 16)), m);
    }
    // gone: refused naming run.json and the path
    Files.delete(checkpoint);
    var e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(dir.resolve("run.json") + ": recipe.init " + recordedPath + " does not exist"), e.getMessage());
    // put back: resumes again
    Files.write(checkpoint, ckptBytes);
    Search.resume(dir, options, SearchListener.SILENT);
    // the final: profile's checkpoint changed: refused the same way
    Files.writeString(finalCheckpoint, "another checkpoint");
    e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(finalCheckpoint.toAbsolutePath().normalize() + ": the final: profile's init: checkpoint changed since "),
        e.getMessage());
  }

  /**
   * The reference architectures an {@code init:} checkpoint is matched against ({@code spaces/reference/*.yaml}
   * beside the profile's folder) are recorded too: a resume, whose copy of the profile lies in {@code
   * inputs/} where no such folder is, reads the recorded files, and refuses one that changed or is gone.
   */
  @Test
  void theInitReferenceArchitecturesAreRecordedAndAChangeIsRefused() throws Exception {
    Path root = projectWithCheckpoint("evaluators/yolov8n.onnx");
    Path reference = Files.createDirectories(root.resolve("spaces/reference")).resolve("yolov8n.yaml");
    Files.copy(TestProject.REPO.resolve("spaces/reference/yolov8n.yaml"), reference);
    String referenceText = Files.readString(reference);
    Files.writeString(root.resolve("evaluators/init.yaml"), PROXY + "init: yolov8n.onnx\n");
    Path recipe = TestProject.recipe(root, "refs", RECIPE + "profile: evaluators/init.yaml\nseed: 5\n");
    Search.Options options = withStandaloneFinals();
    Path dir = tmp.resolve("run");
    Search.start(recipe, dir, options, SearchListener.SILENT);

    String recordedPath = reference.toAbsolutePath().normalize().toString();
    assertEquals(java.util.List.of(new RunRecord.InputFile(recordedPath, Sha256.hex(reference))),
        RunRecord.read(dir.resolve("run.json")).recipe().initReferences());
    Search.resume(dir, options, SearchListener.SILENT);

    Files.writeString(reference, referenceText + "# edited\n");
    var e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(recordedPath + ": a reference architecture of the init: checkpoint changed since " + dir + " started"),
        e.getMessage());
    Files.delete(reference);
    e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(dir.resolve("run.json") + ": recipe.init_references " + recordedPath + " does not exist"),
        e.getMessage());
    Files.writeString(reference, referenceText);
    Search.resume(dir, options, SearchListener.SILENT);
  }

  /**
   * The {@code compress.distill} teacher ({@code spaces/reference/<name>.yaml} beside the profile's folder,
   * else under the working directory) is recorded too, of the profile and of the {@code final:} profile:
   * a resume, whose copy of the profile in {@code inputs/} would find the working directory's file of
   * that name, reads the recorded file, and refuses it changed.
   */
  @Test
  void theDistillTeacherIsRecordedReadBackOnResumeAndAChangeIsRefused() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Path teacher = Files.createDirectories(root.resolve("spaces/reference")).resolve("yolov8n.yaml");
    Path workingDirs = TestProject.REPO.resolve("spaces/reference/yolov8n.yaml");
    assertTrue(Files.isRegularFile(workingDirs), "the working directory has a yolov8n of its own");
    String teacherText = Files.readString(workingDirs) + "# the project's own\n";
    Files.writeString(teacher, teacherText);
    String profile = PROXY + "compress:\n  distill: {teacher: yolov8n}\n";
    Files.writeString(root.resolve("evaluators/distill.yaml"), profile);
    Files.writeString(root.resolve("evaluators/final.yaml"), profile);
    Path recipe = TestProject.recipe(root, "distill", RECIPE + "profile: evaluators/distill.yaml\nfinal: evaluators/final.yaml\nseed: 5\n");
    java.util.List<Recipe> loaded = new java.util.ArrayList<>();
    Search.Options options = withStandaloneFinals().withPlugins((r, d) -> {
      loaded.add(r);
      return java.util.List.of();
    });
    Path dir = tmp.resolve("run");
    Search.start(recipe, dir, options, SearchListener.SILENT);

    Path recorded = teacher.toAbsolutePath().normalize();
    RunRecord.Settings settings = RunRecord.read(dir.resolve("run.json")).recipe();
    assertEquals(new RunRecord.InputFile(recorded.toString(), Sha256.hex(teacher)), settings.distillTeacher());
    assertEquals(settings.distillTeacher(), settings.finalDistillTeacher());

    Search.resume(dir, options, SearchListener.SILENT);
    Recipe resumed = loaded.getLast();
    assertEquals(recorded, resumed.profile().compress().distill().teacherFile());
    assertEquals(recorded, resumed.finalProfile().compress().distill().teacherFile());

    Files.writeString(teacher, teacherText + "# edited\n");
    var e = assertThrows(BadInputException.class, () -> Search.resume(dir, options, SearchListener.SILENT));
    assertTrue(e.getMessage().startsWith(recorded + ": the compress.distill teacher's architecture changed since " + dir + " started ("
        + dir.resolve("run.json") + " records sha256 "), e.getMessage());
  }

  /** A run.json written before init: (or supernet:, final:) was recorded still reads: the fields are null. */
  @Test
  void anOlderRunJsonWithoutTheRecordedFilesReads() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Path recipe = TestProject.recipe(root, "plain", TestProject.tinyRecipe(4, 1, 5.0, 1));
    Path dir = tmp.resolve("run");
    Search.Options options = new Search.Options("test", FixtureRun.evaluators(), 1, null);
    Search.start(recipe, dir, options, SearchListener.SILENT);
    Path runJson = dir.resolve("run.json");
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(runJson.toFile());
    var settingsNode = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("recipe");
    settingsNode.remove(java.util.List.of("final", "supernet", "init"));
    Files.writeString(runJson, json.toPrettyString());
    assertTrue(!Files.readString(runJson).contains("\"init\""));
    RunRecord.Settings settings = RunRecord.read(runJson).recipe();
    assertEquals(null, settings.init());
    assertEquals(null, settings.supernet());
    Search.resume(dir, options, SearchListener.SILENT);
  }
}
