package org.edgenas.latency;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.edgenas.common.Json;
import org.edgenas.latency.MeasurementProtocol.Field;

/**
 * The resident device agent ({@code AgentMain serve}): started once per device session, it reads one
 * JSON request per line ({@code {"model": PATH, "warmup": N, "warmup_seconds": S, "repeats": N,
 * "threads": N, "max_cv": CV}}, protocol fields optional) and answers one line per request: the
 * {@link AgentReport} plus {@code serve_ms} (time spent on the request) and, when a thermal script
 * was given, {@code thermal_before}/{@code thermal_after} (its output right before and after the
 * measurement). A bad request or a failed measurement answers {@code {"error": "..."}} and the
 * agent goes on. ONNX Runtime and one session per model path and thread count stay open; the agent
 * ends when its input ends. The first line it prints is {@code {"ready": true, "pid": N, "ort": V}}.
 */
final class AgentServer implements AutoCloseable {
  private static final int MAX_SESSIONS = 16;
  private final String thermalScript;
  private final Map<String, OrtSession> sessions = new LinkedHashMap<>(16, 0.75f, true);

  /** {@code thermalScript}: a shell script run as {@code sh -c SCRIPT sh LABEL}, or null for none. */
  AgentServer(String thermalScript) {
    this.thermalScript = thermalScript;
  }

  /** Serves until {@code in} ends; returns 0. */
  int serve(BufferedReader in, PrintWriter out) throws IOException {
    ObjectNode ready = Json.mapper().createObjectNode();
    ready.put("ready", true).put("pid", ProcessHandle.current().pid()).put("ort", OrtRuntime.version());
    answer(out, ready.toString());
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      answer(out, handle(line));
    }
    return 0;
  }

  /** One request line in, one answer line out; never throws. */
  String handle(String line) {
    long start = System.nanoTime();
    try {
      JsonNode request = parse(line);
      if (request == null || !request.isObject() || !request.path("model").isTextual()) {
        return error("a request must be a JSON object with a \"model\" path");
      }
      MeasurementProtocol protocol = protocol(request);
      Path model = Path.of(request.get("model").asText());
      String before = thermal("before");
      LatencyMeasurement m = new LocalOrtProbe(protocol).measure(session(model, protocol.intraOpThreads()), model);
      String after = thermal("after");
      ObjectNode answer = Json.mapper().valueToTree(AgentReport.of(m));
      if (before != null) answer.put("thermal_before", before).put("thermal_after", after);
      answer.put("serve_ms", (System.nanoTime() - start) / 1e6);
      return answer.toString();
    } catch (Exception | LinkageError e) {
      return error(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.mapper().readTree(line);
    } catch (IOException e) {
      return null; // not JSON: answered like any other malformed request
    }
  }

  private static MeasurementProtocol protocol(JsonNode request) {
    MeasurementProtocol p = MeasurementProtocol.DEFAULT;
    p = with(p, request, "warmup", Field.WARMUP_ITERATIONS);
    p = with(p, request, "warmup_seconds", Field.WARMUP_MIN_SECONDS);
    p = with(p, request, "repeats", Field.REPEATS);
    p = with(p, request, "threads", Field.INTRA_OP_THREADS);
    p = with(p, request, "max_cv", Field.MAX_CV);
    return with(p, request, "max_retries", Field.MAX_RETRIES);
  }

  private static MeasurementProtocol with(MeasurementProtocol p, JsonNode request, String key, Field field) {
    JsonNode v = request.get(key);
    if (v == null || v.isNull()) return p;
    if (!v.isNumber()) throw new IllegalArgumentException("request field " + key + " must be a number, was " + v);
    String problem = field.problem(v.asDouble());
    if (problem != null) throw new IllegalArgumentException("request field " + key + ": " + problem);
    return p.with(field, v.asDouble());
  }

  private OrtSession session(Path model, int threads) throws OrtException {
    String key = threads + "|" + model.toAbsolutePath().normalize();
    OrtSession open = sessions.get(key);
    if (open != null) return open;
    try (SessionOptions options = LocalOrtProbe.sessionOptions(threads)) {
      OrtSession created = LocalOrtProbe.open(OrtRuntime.environment(), model, options);
      sessions.put(key, created);
    }
    if (sessions.size() > MAX_SESSIONS) { // the least recently used goes
      var eldest = sessions.entrySet().iterator().next();
      sessions.remove(eldest.getKey());
      eldest.getValue().close();
    }
    return sessions.get(key);
  }

  /** The thermal script's output for {@code label}; null without a script. */
  private String thermal(String label) throws IOException, InterruptedException {
    if (thermalScript == null) return null;
    Process p = new ProcessBuilder("sh", "-c", thermalScript, "sh", label).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String error(String message) {
    return Json.mapper().createObjectNode().put("error", message).toString();
  }

  private static void answer(PrintWriter out, String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void close() {
    for (OrtSession s : sessions.values()) {
      try {
        s.close();
      } catch (OrtException ignored) {
        // closing at exit: nothing left to do with it
      }
    }
    sessions.clear();
  }
}
