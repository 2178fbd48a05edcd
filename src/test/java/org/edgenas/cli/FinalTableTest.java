package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.run.Run;
import org.edgenas.search.Search;
import org.edgenas.search.SearchListener;
import org.edgenas.search.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal's front table of a run with {@code final:} gives each front model's standalone mAP. */
class FinalTableTest {
  @TempDir Path tmp;

  @Test
  void theTableHasALineWithTheFinalMap() throws Exception {
    Path root = TestProject.create(tmp.resolve("project"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(TestProject.REPO.resolve("evaluators/proxy-long.yaml"), root.resolve("evaluators/proxy-long.yaml"));
    Path recipe = TestProject.recipe(root, "f", TestProject.tinyRecipe(6, 1, 100, 3) + "final: evaluators/proxy-long.yaml\n");
    Evaluator standalone = new Evaluator() {
      public String name() { return "final-train"; }
      public Set<String> metrics() { return Set.of("map50_95"); }
      public String profileHash() { return "double"; }
      public String deviceFingerprint() { return "none"; }
      public Map<String, Measure> evaluate(Candidate c) {
        return Map.of("map50_95", new Measure(0.25, Kind.MEASURED, "test double, not a real standalone training"));
      }
    };
    Search.start(recipe, tmp.resolve("run"), TestProject.options().withFinals((r, d) -> standalone), SearchListener.SILENT);
    Run run = Run.read(tmp.resolve("run"));
    List<String> table = FrontTable.lines(run);
    String line = table.stream().filter(l -> l.startsWith("  final standalone ")).findFirst().orElseThrow(() -> new AssertionError(table));
    for (var e : run.front()) assertTrue(line.contains(CandidateLine.shortHash(e.hash()) + " " + CandidateLine.value("map50_95", 0.25)), line);
  }
}
