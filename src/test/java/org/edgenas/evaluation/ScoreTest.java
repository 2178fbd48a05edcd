package org.edgenas.evaluation;

import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Goal;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreTest {
  private static final List<Goal> GOALS = List.of(Goal.MAX, Goal.MIN);

  private static Score s(double map, double ms, double violation) {
    return new Score(new double[] {map, ms}, GOALS, violation);
  }

  @Test
  void feasibleDominatesInfeasibleWhateverTheObjectives() {
    Score feasibleButWorse = s(0.1, 90, 0);
    Score infeasibleButBetter = s(0.9, 1, 0.01);
    assertEquals(1, feasibleButWorse.dominance(infeasibleButBetter));
    assertEquals(-1, infeasibleButBetter.dominance(feasibleButWorse));
  }

  @Test
  void betweenInfeasibleTheSmallerViolationWins() {
    assertEquals(1, s(0.1, 50, 0.2).dominance(s(0.9, 10, 0.5)));
    assertEquals(-1, s(0.9, 10, 0.5).dominance(s(0.1, 50, 0.2)));
    assertEquals(0, s(0.1, 50, 0.5).dominance(s(0.9, 10, 0.5)));
  }

  @Test
  void amongFeasibleParetoDominanceUnderEachGoal() {
    assertEquals(1, s(0.5, 10, 0).dominance(s(0.4, 12, 0)), "higher mAP and lower latency dominates");
    assertEquals(1, s(0.5, 10, 0).dominance(s(0.5, 12, 0)), "equal in one, better in the other");
    assertEquals(0, s(0.5, 10, 0).dominance(s(0.6, 12, 0)), "a trade-off: neither");
    assertEquals(0, s(0.5, 10, 0).dominance(s(0.5, 10, 0)), "equal: neither");
    assertEquals(-1, s(0.4, 12, 0).dominance(s(0.5, 10, 0)));
  }

  @Test
  void failedCandidatesAreDominatedByEveryOther() {
    Score failed = Score.failed(GOALS);
    assertEquals(1, s(0, 1e9, 100).dominance(failed));
    assertEquals(-1, failed.dominance(s(0, 1e9, 0)));
  }

  @Test
  void violationIsTheSumOfRelativeOverrunsOfEveryBudget() {
    DeviceBudget a = new DeviceBudget("local", 10, null, 1);
    assertEquals(0, a.violation(9.99));
    assertEquals(0.5, a.violation(15), 1e-12);
    Recipe recipe = recipeWithBudgets();
    var log = EvaluationLog.open(tempLog());
    try (var pipeline = new EvaluationPipeline(List.of(fixedLatency(15, 30)), recipe, log, 1)) {
      var space = org.edgenas.space.SpaceLoader.load(java.nio.file.Path.of("spaces/tiny.yaml"));
      var arch = space.freeze(space.defaultPicks());
      Evaluation e = pipeline.evaluate(List.of(new Candidate(space.defaultPicks(), arch, 64, 1)), 0).getFirst();
      assertEquals(0.5 + 1.0, e.violation(), 1e-12, "15 ms over 10 and 30 ms over 15");
      assertEquals("estimated", e.feasibility());
      assertTrue(!e.feasible());
    } finally {
      log.close();
    }
  }

  private static java.nio.file.Path tempLog() {
    try {
      return java.nio.file.Files.createTempDirectory("score").resolve("evaluations.jsonl");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Recipe recipeWithBudgets() {
    var devices = new java.util.LinkedHashMap<String, DeviceBudget>();
    devices.put("local", new DeviceBudget("local", 10, null, 3));
    devices.put("pi", new DeviceBudget("pi", 15, piDevice(), 4));
    return new Recipe("r.yaml", java.nio.file.Path.of("."), org.edgenas.space.SpaceLoader.load(java.nio.file.Path.of("spaces/tiny.yaml")),
        Recipe.SYNTHETIC, null, 64, 4, List.of(new Objective("latency_ms", "local", Goal.MIN)), devices,
        org.edgenas.profile.EvaluatorProfile.NONE, 8, 1, 0, 1, 8, List.of(), List.of(), List.of());
  }

  /** A device file as {@code devices/pi.yaml} would hold it (the shipped sample, renamed). */
  private static org.edgenas.device.Device piDevice() {
    try {
      String text = java.nio.file.Files.readString(java.nio.file.Path.of("devices/example-pi5.yaml.sample")).replace("name: example-pi5", "name: pi");
      return org.edgenas.device.DeviceYaml.parse(text, java.nio.file.Path.of("devices/pi.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Evaluator fixedLatency(double local, double pi) {
    return new Evaluator() {
      public String name() { return "fixed"; }
      public java.util.Set<String> metrics() { return java.util.Set.of("latency_ms@local", "latency_ms@pi"); }
      public String profileHash() { return "fixed"; }
      public String deviceFingerprint() { return "none"; }
      public Map<String, Measure> evaluate(Candidate c) {
        return Map.of("latency_ms@local", new Measure(local, Kind.ESTIMATE, "fixed"), "latency_ms@pi", new Measure(pi, Kind.MEASURED, "fixed"));
      }
    };
  }
}
