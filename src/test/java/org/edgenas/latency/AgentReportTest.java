package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.junit.jupiter.api.Test;

class AgentReportTest {
  private static final MachineFingerprint MACHINE =
      new MachineFingerprint("Cortex-A76", 4, 8000, "Linux 6.6 aarch64", "1.29.0", 4, "ondemand", "pi5");

  @Test
  void lineRoundTripsAndHasTheAgreedKeys() {
    AgentReport report = new AgentReport(AgentReport.RUNTIME, "1.29.0", List.of(1.5, 2.5, 2.0), List.of(), 0,
        "onnxruntime-java 1.29.0 CPU, 4 threads, 3 timed runs after 10 warm-up/≥1s",
        MeasurementProtocol.DEFAULT.with(Field.REPEATS, 3), MACHINE);
    String line = report.toJsonLine();
    assertTrue(line.startsWith("{\"runtime\":\"onnxruntime-java\",\"ort\":\"1.29.0\",\"times_ms\":[1.5,2.5,2.0]"), line);
    assertTrue(!line.contains("\n"));
    assertEquals(report, AgentReport.parse(line));
    assertEquals(2.0, AgentReport.parse(line).stats().medianMs(), 1e-12);
  }

  @Test
  void garbageLineIsRejectedWithTheLine() {
    String message = assertThrows(IllegalArgumentException.class, () -> AgentReport.parse("Segmentation fault")).getMessage();
    assertTrue(message.contains("Segmentation fault"), message);
    assertThrows(IllegalArgumentException.class, () -> AgentReport.parse("{\"runtime\":\"x\",\"times_ms\":[]}"));
  }
}
