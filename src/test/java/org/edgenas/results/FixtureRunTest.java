package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.edgenas.arch.Architecture;
import org.edgenas.cost.CostModel;
import org.edgenas.space.SearchSpace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FixtureRunTest {
  @BeforeAll
  static void regenerateWhenAsked() {
    if (Boolean.getBoolean("fixture.regenerate")) FixtureRun.write(FixtureRun.DIR);
  }

  @Test
  void everyRecordDecodesToItsHashWithCostModelValues() {
    Run run = RunFolder.read(FixtureRun.DIR);
    SearchSpace space = run.space();
    assertEquals(23, run.candidates().size());
    assertEquals(2, run.baselines().size());
    assertEquals(1, run.evaluations().stream().filter(r -> !r.ok()).count());
    for (EvaluationRecord r : run.candidates()) {
      Architecture arch = run.architecture(space, r);
      assertEquals((double) CostModel.of(arch, run.imgsz()).params(), r.objectives().get("params").value(), r.hash());
    }
  }

  @Test
  void theSavedFrontHoldsOnlyRealFeasibleNonDominatedModels() {
    Run run = RunFolder.read(FixtureRun.DIR);
    assertTrue(run.front().size() >= 3, "front size " + run.front().size());
    for (EvaluationRecord r : run.front()) {
      assertTrue(r.feasible() && r.allReal(run.objectives()), r.hash());
    }
    assertEquals(run.front().size(), run.paretoOf(run.front()).size());
  }
}
