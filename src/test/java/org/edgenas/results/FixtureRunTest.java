package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.cost.CostModel;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.run.FrontFile;
import org.edgenas.run.Run;
import org.edgenas.space.SearchSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed fixture run is what the real search makes with the fixture's evaluators, in the current formats. */
class FixtureRunTest {
  @TempDir static Path work;

  @BeforeAll
  static void regenerateWhenAsked() {
    if (Boolean.getBoolean("fixture.regenerate")) FixtureRun.write(FixtureRun.DIR, work.resolve("project"));
  }

  @Test
  void everyEvaluationDecodesToItsHashWithTheEvaluatorsValues() {
    Run run = Run.read(FixtureRun.DIR);
    SearchSpace space = run.space();
    assertTrue(run.candidates().size() >= 16, "candidates " + run.candidates().size());
    assertTrue(run.evaluations().stream().anyMatch(e -> !e.ok()), "a failed candidate is data too");
    for (Evaluation e : run.candidates()) {
      Architecture arch = run.architecture(space, e);
      Candidate c = new Candidate(e.picks(), arch, run.imgsz(), 0);
      assertEquals((double) CostModel.of(arch, run.imgsz()).params(), e.values().get("params").value(), e.hash());
      assertEquals(Kind.EXACT, e.values().get("params").kind());
      if (e.values().get("map50_95").kind() == Kind.MEASURED) {
        assertEquals(FixtureEvaluators.Accuracy.map(c), e.values().get("map50_95").value(), 1e-12, e.hash());
      }
      assertEquals(new FixtureEvaluators.Latency("rpi5", 2.0, 250).latency(c), e.values().get("latency_ms@rpi5").value(), 1e-12, e.hash());
    }
  }

  @Test
  void theSavedFrontIsTheFrontOfTheEvaluationsAndHoldsRealMeasurements() {
    Run run = Run.read(FixtureRun.DIR);
    List<String> front = run.front().stream().map(Evaluation::hash).toList();
    assertEquals(FrontFile.front(run.evaluations(), run.objectives()).stream().map(Evaluation::hash).toList(), front);
    assertTrue(front.size() >= 3, "front size " + front.size());
    assertTrue(run.front().stream().allMatch(run::allReal), "the search trains every estimated front model");
    assertTrue(run.candidates().stream().anyMatch(e -> !run.allReal(e)), "the surrogate left estimates off the front");
  }

  @Test
  void theBaselinesAreEvaluatedTheSameWay() {
    Run run = Run.read(FixtureRun.DIR);
    assertEquals(List.of("yolo11n", "yolov8n"), run.baselines().stream().map(b -> b.name()).toList());
    for (var b : run.baselines()) {
      assertTrue(b.evaluation().ok(), b.name());
      assertFalse(b.evaluation().values().get("latency_ms@local").method().isEmpty());
    }
  }
}
