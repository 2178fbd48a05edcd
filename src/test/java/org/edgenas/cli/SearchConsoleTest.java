package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationLog;
import org.edgenas.results.ModelSelection;
import org.edgenas.run.Run;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.TestProject;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.train.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal of a search, fed by a real (cheap) search: cost-model and latency-predictor
 * evaluators on the tiny space, with two reference baselines evaluated the same way.
 */
class SearchConsoleTest {
  @TempDir Path root;

  @Test
  void aSearchPrintsItsHeaderOneLinePerCandidateAndTheFrontTableWithBaselinesAndTheKnee() throws Exception {
    TestProject.create(root);
    Files.createDirectories(root.resolve("spaces/reference"));
    for (String b : List.of("yolo11n", "yolov8n")) {
      Files.copy(Path.of("spaces/reference", b + ".yaml"), root.resolve("spaces/reference/" + b + ".yaml"));
    }
    Path recipe = TestProject.recipe(root, "console", TestProject.tinyRecipe(8, 2, 1.3, 11) + "baselines: [yolo11n, yolov8n]\n");
    Path run = root.resolve("results/console");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path log = root.resolve("events.jsonl");
    try (SearchConsole console = new SearchConsole(new PrintWriter(out), new PrintWriter(err), false, false, log)) {
      Search.start(recipe, run, TestProject.options(), console);
    }
    List<String> lines = out.toString().lines().toList();
    assertTrue(lines.getFirst().startsWith("edgenas search: ") && lines.getFirst().contains(run.toString()), lines.getFirst());
    String header = String.join("\n", lines.subList(0, 7));
    assertTrue(header.contains("space       tiny (spaces/tiny.yaml): 9 choices, 1,152 combinations"), header);
    assertTrue(header.contains("devices     local ≤ 1.3 ms"), header);
    assertTrue(header.contains("population 8 × 2 generations after the initial one, no time limit"), header);
    assertTrue(header.contains("params min, GFLOPs min, local latency min"), header);

    List<Evaluation> evaluations;
    try (EvaluationLog l = EvaluationLog.open(run.resolve("evaluations.jsonl"))) {
      evaluations = l.evaluations();
    }
    SearchSpace space = SpaceLoader.load(root.resolve("spaces/tiny.yaml"));
    for (Evaluation e : evaluations) {
      String hash = e.hash().substring(0, 8);
      List<String> mine = lines.stream().filter(l -> l.startsWith("  gen " + e.generation() + " ") && l.contains(" " + hash + "  ")).toList();
      assertEquals(1, mine.size(), () -> "one line for " + hash + " in\n" + out);
      String line = mine.getFirst();
      assertTrue(line.contains(BlockSummary.of(space.freeze(e.picks(), 4))), line);
      assertTrue(line.contains("local " + CandidateLine.value("latency_ms@local", e.values().get("latency_ms@local").value()) + " est"), line);
      assertTrue(line.contains("params " + CandidateLine.value("params", e.values().get("params").value()) + " ·"), "exact: no mark: " + line);
      assertEquals(!e.feasible(), line.contains("over budget (est)"), line);
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  baseline yolo11n ") && l.contains(" yolo11n  params ")), out.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("  baseline yolov8n ")), out.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("gen 2/2: ")), out.toString());
    long candidateEvents = Files.readAllLines(log).stream().filter(l -> l.contains("\"event\":\"candidate\"")).count();
    assertEquals(evaluations.size() + 2, candidateEvents, "every new candidate and both baselines in the JSON log");

    Run read = Run.read(run);
    List<String> table = FrontTable.lines(read);
    List<Evaluation> front = read.front();
    assertTrue(table.getFirst().startsWith("Pareto front: " + front.size() + " model"), table.getFirst());
    List<String> expectedOrder = front.stream().sorted(Comparator.comparingDouble((Evaluation r) -> r.values().get("params").value()).thenComparing(Evaluation::hash))
        .map(r -> r.hash().substring(0, 8)).toList();
    List<String> rows = table.subList(2, 2 + front.size());
    assertEquals(expectedOrder, rows.stream().map(r -> r.replace("*", " ").strip().split(" +")[0]).toList(), String.join("\n", table));
    Evaluation exportable = ModelSelection.exportableKnee(read, front);
    String knee = (exportable != null ? exportable : ModelSelection.knee(read, front)).hash().substring(0, 8);
    assertEquals(List.of(knee), rows.stream().filter(r -> r.startsWith("  * ")).map(r -> r.substring(4).strip().split(" +")[0]).toList(),
        String.join("\n", table));
    assertEquals("  baselines:", table.get(2 + front.size()));
    List<String> baselineRows = table.subList(3 + front.size(), table.size());
    assertEquals(2, baselineRows.size(), String.join("\n", table));
    assertTrue(baselineRows.stream().allMatch(r -> r.contains("yolo11n") || r.contains("yolov8n")), String.join("\n", table));
    double yolo11n = read.baselines().stream().filter(b -> b.name().equals("yolo11n")).findFirst().orElseThrow()
        .evaluation().values().get("params").value();
    assertTrue(String.join("\n", baselineRows).contains(CandidateLine.value("params", yolo11n)), String.join("\n", table));
    assertEquals("", err.toString());
  }

  @Test
  void blocksInShortNameEachChosenLayerInOrderThenTheGroupSettings() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    Map<String, Object> want = Map.of("down2.block", "ADown", "s2.block", "DSConv", "s2.channels", 24, "down3.block", "Conv",
        "s3.block", "ShuffleV2", "s3.repeats", 2, "s5.block", "GhostV3", "body.prune", 0.5, "body.bits", 8);
    int[] picks = new int[space.choices().size()];
    for (int i = 0; i < picks.length; i++) {
      var c = space.choices().get(i);
      picks[i] = c.options().stream().map(String::valueOf).toList().indexOf(String.valueOf(want.get(c.label())));
      assertTrue(picks[i] >= 0, c.label() + " offers " + want.get(c.label()));
    }
    assertEquals("ADown>DSConv(24)>Conv>ShuffleV2x2>GhostV3 body:p0.5/8b", BlockSummary.of(space.freeze(picks)));
    assertEquals("yolo11n", BlockSummary.of(SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml")).freeze(new int[0])));
  }

  @Test
  void trainingStepsNameTheirCandidateAndGeneration() {
    SearchSpace space = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    var arch = space.freeze(space.defaultPicks());
    StringWriter out = new StringWriter();
    try (SearchConsole console = new SearchConsole(new PrintWriter(out), new PrintWriter(new StringWriter()), false, false, null)) {
      console.evaluating(new SearchListener.Slot(SearchListener.Slot.Stage.GENERATION, 1, 2, 8, null),
          new Candidate(space.defaultPicks(), arch, 64, 1));
      for (int step = 1; step <= 120; step++) {
        console.training(arch.hash()).onStep(new TrainingProgress(step, 120, 2.5f, 1, 1, 0.5f, 40, Duration.ofSeconds(step),
            Duration.ofSeconds(120 - step)));
      }
    }
    List<String> lines = out.toString().lines().toList();
    assertEquals(4, lines.size(), out.toString());
    assertTrue(lines.getFirst().startsWith("  training gen 1 3/8 " + arch.hash().substring(0, 8) + "  step 30/120  loss 2.500"),
        lines.getFirst());
    // the same model's standalone (final:) training after the search is labelled final, not by the generation that found it
    StringWriter finals = new StringWriter();
    try (SearchConsole console = new SearchConsole(new PrintWriter(finals), new PrintWriter(new StringWriter()), false, false, null)) {
      console.evaluating(new SearchListener.Slot(SearchListener.Slot.Stage.GENERATION, 1, 2, 8, null),
          new Candidate(space.defaultPicks(), arch, 64, 1));
      console.finalTraining(arch.hash()).onStep(new TrainingProgress(120, 120, 2.5f, 1, 1, 0.5f, 40, Duration.ZERO, Duration.ZERO));
    }
    assertTrue(finals.toString().startsWith("  training final " + arch.hash().substring(0, 8) + "  step 120/120"), finals.toString());
    StringWriter tty = new StringWriter();
    try (SearchConsole console = new SearchConsole(new PrintWriter(tty), new PrintWriter(new StringWriter()), false, true, null)) {
      console.training(arch.hash()).onStep(new TrainingProgress(60, 120, 2.5f, 1, 1, 0.5f, 40, Duration.ZERO, Duration.ZERO));
      console.info("next");
    }
    assertTrue(tty.toString().startsWith("\r\033[K  training " + arch.hash().substring(0, 8) + " [##########          ]"), tty.toString());
    // a note told before the header is held and shown under it (here, with no header, when the console closes)
    assertTrue(tty.toString().contains("\r\033[K  note        next\n"), "the redrawn line is cleared before the next line: " + tty);
    StringWriter quiet = new StringWriter();
    try (SearchConsole console = new SearchConsole(new PrintWriter(quiet), new PrintWriter(new StringWriter()), true, false, null)) {
      console.training(arch.hash()).onStep(new TrainingProgress(120, 120, 2.5f, 1, 1, 0.5f, 40, Duration.ZERO, Duration.ZERO));
      console.info("hidden");
    }
    assertEquals("", quiet.toString());
  }
}
