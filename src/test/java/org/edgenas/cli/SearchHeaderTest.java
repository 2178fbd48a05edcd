package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.edgenas.search.SearchListener;
import org.junit.jupiter.api.Test;

/** The header's budget line states a per-generation training limit only where the surrogate imposes one. */
class SearchHeaderTest {
  /** Stands in for the proxy trainer: the header asks only whether an evaluator trains. */
  private static final Evaluator TRAINS = new Evaluator() {
    public String name() { return "proxy-train"; }
    public Set<String> metrics() { return Set.of("map50_95"); }
    public String profileHash() { return "header-test"; }
    public String deviceFingerprint() { return "none"; }
    public boolean trains() { return true; }
    public Map<String, Measure> evaluate(Candidate c) { throw new UnsupportedOperationException("the header evaluates nothing"); }
  };

  @Test
  void theTrainingLimitIsStatedOnlyWhenItLimits() {
    String limited = budget(RecipeLoader.load(Path.of("search/quickstart.yaml")));
    assertTrue(limited.contains("; at most 3 proxy trainings per generation once the surrogate has data"), limited);
    String everyCandidate = budget(RecipeLoader.load(Path.of("search/training-speed.yaml")));
    assertTrue(everyCandidate.startsWith("  budget      population 12 × 3 generations after the initial one, no time limit; seed 7"),
        everyCandidate);
    assertFalse(everyCandidate.contains("at most"), everyCandidate);
  }

  private static String budget(Recipe r) {
    List<String> lines = SearchHeader.lines(new SearchListener.Start(r, r.space(), List.of(TRAINS), Path.of("results/x"), -1));
    return lines.stream().filter(l -> l.startsWith("  budget")).findFirst().orElseThrow(() -> new AssertionError(lines));
  }
}
