package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resident agent's line protocol with a real ONNX Runtime session: answers, errors, no crash. */
class AgentServerTest {
  @TempDir Path dir;

  @Test
  void answersEachRequestLineAndReportsBadOnesAsErrorLines() throws Exception {
    Path model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
    String good = "{\"model\": \"" + model + "\", \"warmup\": 2, \"warmup_seconds\": 0, \"repeats\": 7, \"threads\": 1}";
    String input = String.join("\n", good, "not json", "{\"model\": \"" + dir.resolve("missing.onnx") + "\"}",
        "{\"model\": \"" + model + "\", \"repeats\": 1}", "", good, "");
    StringWriter out = new StringWriter();
    try (AgentServer server = new AgentServer("echo \"@@edgenas $1\"; echo zone cpu 41000")) {
      assertEquals(0, server.serve(new BufferedReader(new StringReader(input)), new PrintWriter(out)));
    }
    List<String> lines = out.toString().lines().toList();
    assertEquals(6, lines.size(), out.toString());
    JsonNode ready = Json.mapper().readTree(lines.get(0));
    assertTrue(ready.path("ready").asBoolean() && ready.path("pid").asLong() == ProcessHandle.current().pid(), lines.get(0));
    for (int i : new int[] {1, 5}) {
      AgentReport report = AgentReport.parse(lines.get(i));
      assertEquals(7, report.timesMs().size(), lines.get(i));
      JsonNode answer = Json.mapper().readTree(lines.get(i));
      assertTrue(answer.path("serve_ms").asDouble() >= report.timesMs().stream().mapToDouble(d -> d).sum(), lines.get(i));
      assertEquals("@@edgenas before\nzone cpu 41000\n", answer.path("thermal_before").asText());
      assertEquals("@@edgenas after\nzone cpu 41000\n", answer.path("thermal_after").asText());
    }
    assertTrue(Json.mapper().readTree(lines.get(2)).path("error").asText().contains("must be a JSON object"), lines.get(2));
    assertTrue(Json.mapper().readTree(lines.get(3)).path("error").asText().contains("missing.onnx: no such file"), lines.get(3));
    assertTrue(Json.mapper().readTree(lines.get(4)).path("error").asText().startsWith("request field repeats:"), lines.get(4));
  }
}
