package org.edgenas.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.evaluation.Evaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder reader: the search's own types, its formats only, and clear refusals. */
class RunTest {
  static final Path FIXTURE = Path.of("src/test/resources/runs/finished-tiny");
  @TempDir Path tmp;

  @Test
  void runJsonRoundTripsThroughItsRecord() {
    RunRecord record = RunRecord.read(FIXTURE.resolve("run.json"));
    record.write(tmp.resolve("run.json"));
    assertEquals(record, RunRecord.read(tmp.resolve("run.json")));
    assertEquals(List.of("local", "rpi5"), List.copyOf(record.budgets().keySet()));
  }

  @Test
  void anotherVersionOfRunJsonIsRefusedNamingTheVersion() throws IOException {
    Path run = copy();
    Files.writeString(run.resolve("run.json"), Files.readString(run.resolve("run.json")).replace("\"version\" : 1", "\"version\" : 2"));
    var e = assertThrows(BadInputException.class, () -> Run.read(run));
    assertTrue(e.getMessage().contains("run.json: format edgenas-run version 2 is not supported (this edgenas reads edgenas-run version 1)"), e.getMessage());
  }

  @Test
  void aFrontInTheOldDialectIsRefused() throws IOException {
    Path run = copy();
    Files.writeString(run.resolve("pareto/front.json"), "{\"generation\": 2, \"front\": [{\"hash\": \"abc\"}]}");
    var e = assertThrows(BadInputException.class, () -> Run.read(run));
    assertTrue(e.getMessage().contains("front.json: format (none) version (none) is not supported"), e.getMessage());
  }

  @Test
  void aTornLastLineIsLeftOutAndABrokenLineElsewhereIsNamed() throws IOException {
    Path run = copy();
    Path log = run.resolve("evaluations.jsonl");
    int before = Run.read(run).evaluations().size();
    Files.writeString(log, Files.readString(log) + "{\"type\":\"evaluation\",\"hash\":\"12");
    assertEquals(before, Run.read(run).evaluations().size(), "a write in flight is not an evaluation yet");
    Files.writeString(log, "not json\n" + Files.readString(log));
    var e = assertThrows(BadInputException.class, () -> Run.read(run));
    assertTrue(e.getMessage().contains("evaluations.jsonl:1: not an evaluation line"), e.getMessage());
  }

  @Test
  void beforeTheFirstFrontIsSavedTheFrontIsComputedByTheSameRule() throws IOException {
    Path run = copy();
    List<String> saved = Run.read(run).front().stream().map(Evaluation::hash).toList();
    Files.delete(run.resolve("pareto/front.json"));
    Run running = Run.read(run);
    assertEquals(null, running.savedFront());
    assertEquals(saved, running.front().stream().map(Evaluation::hash).toList());
  }

  private Path copy() throws IOException {
    Path to = tmp.resolve("run");
    try (var files = Files.walk(FIXTURE)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(FIXTURE.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
    return to;
  }
}
