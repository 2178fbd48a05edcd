package org.edgenas.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: Debian's python3-onnx checker ({@code onnx.checker.check_model(full_check=True)},
 * which also runs strict shape inference) over many files in one Python process.
 */
final class OnnxChecker {
  private static final String SCRIPT = """
      import sys, onnx
      bad = 0
      for f in sys.argv[1:]:
          try:
              onnx.checker.check_model(onnx.load(f), full_check=True)
          except Exception as e:
              bad += 1
              print("FAIL", f, str(e).splitlines()[0] if str(e) else repr(e))
      print("checked", len(sys.argv) - 1, "failed", bad)
      """;

  private OnnxChecker() {}

  /** Asserts that every file passes; the message lists the failures. */
  static void assertValid(List<Path> files) {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", SCRIPT));
    files.forEach(f -> command.add(f.toString()));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      assertEquals(0, code, out);
      assertEquals("checked " + files.size() + " failed 0", out.lines().reduce((a, b) -> b).orElse(""), out);
    } catch (IOException e) {
      throw new AssertionError("cannot run /usr/bin/python3 (install python3-onnx): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
