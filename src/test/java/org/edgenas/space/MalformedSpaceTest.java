package org.edgenas.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.edgenas.cli.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed space file gives one sentence naming file, line and field, and exit code 2. */
class MalformedSpaceTest {
  static final String DIR = "src/test/resources/malformed-spaces/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "bad-yaml.yaml         | 4  | not valid YAML",
    "unknown-block.yaml    | 6  | s2.block MagicNet is not a known block",
    "unknown-ref.yaml      | 6  | cat.from names 'nowhere', which is not a layer",
    "cycle.yaml            | 5  | a.from names 'b', which is listed later",
    "concat-mismatch.yaml  | 10 | Concat inputs differ in spatial size",
    "concat-channels.yaml  | 9  | Concat of [p3, q3] gives 64 channels, but channels says 48",
    "stride-mismatch.yaml  | 10 | Detect input p2 has stride 4, expected 8",
    "out-of-range.yaml     | 6  | s2.repeats must be 1..16, was 40",
    "missing-schema.yaml   | 1  | schema is missing",
    "unknown-schema.yaml   | 1  | schema 7 is not supported",
    "bad-arg.yaml          | 5  | p1.k must be 1..7, was 9",
    "unknown-field.yaml    | 5  | p1.widht is not a field of a layer nor an argument of Conv",
    "duplicate-name.yaml   | 6  | layer name p1 is used twice",
    "bad-bits.yaml         | 5  | p1.bits must be one of [32, 16, 8], was 4",
    "no-detect.yaml        | 5  | the last layer must be a Detect head",
    "bad-imgsz.yaml        | 3  | imgsz must be a multiple of 32, was 100",
    "missing-channels.yaml | 5  | channels is required for Conv",
  })
  void malformedFileIsRefusedWithFileLineAndField(String file, int line, String message) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "inspect", DIR + file);
    String text = err.toString().strip();
    assertEquals(2, code, text);
    assertTrue(text.startsWith("edgenas: " + DIR + file + ":" + line + ": "), text);
    assertTrue(text.contains(message), text);
    assertFalse(text.contains("\n"), "one line: " + text);
    assertFalse(text.contains("Exception"), "no stack trace without -v: " + text);
  }

  @org.junit.jupiter.api.Test
  void verboseAddsTheStackTrace() {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "inspect", "-v", DIR + "cycle.yaml");
    assertEquals(2, code);
    assertTrue(err.toString().contains("BadInputException"), err.toString());
  }

  @org.junit.jupiter.api.Test
  void missingFileIsAUsageError() {
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "inspect", DIR + "nope.yaml");
    assertEquals(2, code);
    assertTrue(err.toString().contains("nope.yaml: no such file"), err.toString());
  }
}
