package org.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.evaluation.OpenEvaluators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every evaluator a search makes is closed once when it ends, normally or by an exception; the caller's own are left open. */
class SearchClosesEvaluatorsTest {
  @TempDir Path root;

  /** An evaluator that counts its closes (standing in for one holding an SSH session); it may fail to close. */
  static final class Recording implements Evaluator {
    final AtomicInteger closes = new AtomicInteger();
    private final String name;
    private final boolean failToClose;

    Recording(String name, boolean failToClose) {
      this.name = name;
      this.failToClose = failToClose;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> metrics() {
      return Set.of("probe-" + name);
    }

    @Override
    public String profileHash() {
      return "recording-1";
    }

    @Override
    public String deviceFingerprint() {
      return "none";
    }

    @Override
    public Map<String, Measure> evaluate(Candidate c) {
      return Map.of("probe-" + name, new Measure(1, Kind.MEASURED, "test double"));
    }

    @Override
    public void close() {
      closes.incrementAndGet();
      if (failToClose) throw new IllegalStateException("session already gone");
    }
  }

  @Test
  void aFinishedSearchClosesTheEvaluatorsItMadeButNotTheCallers() {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "r", TestProject.tinyRecipe(4, 1, 1.3, 5));
    Recording made = new Recording("made", false), callers = new Recording("callers", false);
    Search.Options options = TestProject.options(callers).withPlugins((r, dir) -> List.of(made));
    Search.start(recipe, root.resolve("results/r"), options, SearchListener.SILENT);
    assertEquals(1, made.closes.get(), "the plugin's evaluator is closed once");
    assertEquals(0, callers.closes.get(), "the caller's evaluator stays the caller's");
  }

  @Test
  void aSearchEndedByAnExceptionClosesThemToo() {
    TestProject.create(root);
    Path recipe = TestProject.recipe(root, "r", TestProject.tinyRecipe(4, 1, 0.001, 5));
    Recording made = new Recording("made", false);
    Search.Options options = TestProject.options().withPlugins((r, dir) -> List.of(made));
    var e = assertThrows(BadInputException.class, () -> Search.start(recipe, root.resolve("results/r"), options, SearchListener.SILENT));
    assertTrue(e.getMessage().contains("cannot be met"), e.getMessage());
    assertEquals(1, made.closes.get());
  }

  @Test
  void aFailingCloseDoesNotKeepTheOthersOpenAndIsReported() {
    Recording first = new Recording("first", false), failing = new Recording("failing", true), last = new Recording("last", true);
    OpenEvaluators opened = new OpenEvaluators();
    opened.own(List.of(first, failing, last, first));
    var e = assertThrows(IllegalStateException.class, opened::close);
    assertEquals(List.of(1, 1, 1), List.of(first.closes.get(), failing.closes.get(), last.closes.get()), "each closed once");
    assertTrue(e.getMessage().contains("last") && e.getSuppressed().length == 1 && e.getSuppressed()[0].getMessage().contains("failing"),
        "the last made is closed first: " + e.getMessage());
  }
}
