package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {
  static String[] runCapture(int expected, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(expected, code, () -> "exit code for " + String.join(" ", args) + "\nout:" + out + "\nerr:" + err);
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void helpExitsZeroAndListsUsage() {
    assertTrue(runCapture(0, "--help")[0].contains("Usage: edgenas"));
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertTrue(runCapture(2, "no-such-command")[1].contains("edgenas:"));
  }

  @Test
  void noCommandIsAUsageError() {
    runCapture(2);
  }
}
