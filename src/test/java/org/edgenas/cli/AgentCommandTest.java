package org.edgenas.cli;

import static org.edgenas.cli.MainTest.runCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.edgenas.latency.AgentReport;
import org.edgenas.latency.TinyOnnxModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandTest {
  @TempDir Path dir;

  @Test
  void agentBenchPrintsExactlyOneParseableJsonLine() {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    String[] outErr = runCapture(0, "agent", "bench", model.toString(),
        "--threads", "1", "--warmup", "2", "--warmup-seconds", "0", "--repeats", "6");
    String out = outErr[0];
    assertEquals(1, out.lines().count(), out);
    assertTrue(out.endsWith("\n"));
    AgentReport report = AgentReport.parse(out.strip());
    assertEquals("onnxruntime-java", report.runtime());
    assertEquals("1.29.0", report.ort());
    assertEquals(6, report.timesMs().size());
    assertTrue(report.timesMs().stream().allMatch(t -> t > 0));
    assertEquals(1, report.fingerprint().threads());
  }

  @Test
  void agentBenchOnABadModelPrintsNothingOnStdoutAndExitsTwo() {
    String[] outErr = runCapture(2, "agent", "bench", dir.resolve("absent.onnx").toString());
    assertEquals("", outErr[0]);
    assertTrue(outErr[1].contains("no such file"), outErr[1]);
  }

  @Test
  void agentWithoutSubcommandIsAUsageError() {
    runCapture(2, "agent");
  }
}
