package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.edgenas.cli.Main;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real search over two devices: two REAL OpenSSH sshd instances on loopback, "fast" (every CPU) and
 * "slow" (CPU 0 only, its agent under a one-third wall-clock CPU quota, see {@link
 * OpenSshServer#quotaJava}), each measuring every candidate's ONNX file with the resident edgenas agent.
 * The slow device must time every candidate slower, by a median factor above 1.5, and each device's
 * latency must be its own measurement. Whether the two devices also order the candidates differently
 * (fronts by params and latency, or latency rankings) is printed, not asserted: a CPU quota slows every
 * model by about the same factor, so whether two close candidates swap is timing noise, and an
 * assertion on it failed a CI run whose six candidates happened to be well apart.
 */
class TwoDeviceSearchTest {
  @Test
  void theSlowDeviceMeasuresEveryCandidateSlowerWithItsOwnFigures(@TempDir Path root) throws Exception {
    try (OpenSshServer fast = new OpenSshServer(root.resolve("sshd-fast"), List.of());
        OpenSshServer slow = new OpenSshServer(root.resolve("sshd-slow"), List.of("taskset", "-c", "0"))) {
      String java = System.getProperty("java.home") + "/bin/java";
      DeviceInventory inventory = new DeviceInventory(Files.createDirectories(root.resolve("devices")));
      inventory.save(fast.device("fast", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(root.resolve("wf")), java));
      inventory.save(slow.device("slow", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(root.resolve("ws")),
          OpenSshServer.quotaJava(root, java).toString()));
      Path recipe = writeProject(root);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new PrintWriter(out), new PrintWriter(err), "search", recipe.toString(), "--run", "two",
          "--results", root.resolve("results").toString(), "--quiet");
      assertEquals(0, code, out + "\n" + err);

      Map<String, double[]> rows = measured(root.resolve("results/two/evaluations.jsonl"));
      assertTrue(rows.size() >= 4, "at least the first population is measured on both devices: " + rows.keySet());
      List<Double> ratios = new ArrayList<>();
      for (var e : rows.entrySet()) {
        double[] v = e.getValue(); // params, fast, slow
        assertTrue(v[2] > v[1], e.getKey() + ": slow " + v[2] + " ms must exceed fast " + v[1] + " ms");
        ratios.add(v[2] / v[1]);
      }
      double medianRatio = ratios.stream().sorted().toList().get(ratios.size() / 2);
      Set<String> frontFast = front(rows, 1);
      Set<String> frontSlow = front(rows, 2);
      List<String> rankFast = ranking(rows, 1);
      List<String> rankSlow = ranking(rows, 2);
      System.out.printf("[bench] two-device search over OpenSSH, %d candidates: slow/fast latency ratio median %.2f"
          + " (min %.2f, max %.2f); front (params, fast) %s; front (params, slow) %s; ranking fast %s; slow %s%n",
          rows.size(), medianRatio, ratios.stream().mapToDouble(d -> d).min().orElseThrow(),
          ratios.stream().mapToDouble(d -> d).max().orElseThrow(), frontFast, frontSlow, rankFast, rankSlow);
      assertTrue(medianRatio > 1.5, "slow/fast median ratio " + medianRatio);
      long distinctRatios = ratios.stream().map(r -> Math.round(r * 1000)).distinct().count();
      assertTrue(distinctRatios > 1, "every candidate's slow latency is the same multiple of its fast one, "
          + "so one device's figures were derived from the other's: " + ratios);
      System.out.printf("[bench] the devices order the candidates %s%n",
          frontFast.equals(frontSlow) && rankFast.equals(rankSlow) ? "alike (fronts and rankings equal)" : "differently");
    }
  }

  private static Path writeProject(Path root) throws Exception {
    Files.createDirectories(root.resolve("spaces"));
    Files.createDirectories(root.resolve("search"));
    Files.createDirectories(root.resolve("evaluators"));
    Files.copy(Path.of("spaces/tiny.yaml"), root.resolve("spaces/tiny.yaml"));
    Files.writeString(root.resolve("evaluators/latency.yaml"), """
        latency: {warmup_iterations: 3, warmup_min_seconds: 0.05, repeats: 15, intra_op_threads: 1, max_cv: 2.0, max_retries: 0}
        """);
    Path recipe = root.resolve("search/two.yaml");
    Files.writeString(recipe, """
        schema: 1
        space: spaces/tiny.yaml
        dataset: builtin:synthetic
        imgsz: 192
        objectives:
          - {metric: params, goal: min}
          - {metric: latency_ms, device: fast, goal: min}
          - {metric: latency_ms, device: slow, goal: min}
        devices:
          fast: {budget_ms: 500}
          slow: {budget_ms: 1500}
        profile: evaluators/latency.yaml
        population: 4
        generations: 1
        seed: 5
        """);
    return recipe;
  }

  /** Per candidate hash: params, fast latency, slow latency (MEASURED latencies only, latest line wins). */
  private static Map<String, double[]> measured(Path evaluations) throws Exception {
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(evaluations)) {
      JsonNode e = Json.mapper().readTree(line);
      if (!"evaluation".equals(e.path("type").asText()) || !"ok".equals(e.path("status").asText())) continue;
      JsonNode v = e.path("values");
      assertEquals("MEASURED", v.at("/latency_ms@fast/kind").asText(), line);
      assertEquals("MEASURED", v.at("/latency_ms@slow/kind").asText(), line);
      rows.put(e.path("hash").asText(), new double[] {v.at("/params/value").asDouble(),
          v.at("/latency_ms@fast/value").asDouble(), v.at("/latency_ms@slow/value").asDouble()});
    }
    return rows;
  }

  /** The hashes on the Pareto front of (params, latency column {@code col}), both minimised. */
  private static Set<String> front(Map<String, double[]> rows, int col) {
    Set<String> front = new TreeSet<>();
    for (var a : rows.entrySet()) {
      boolean dominated = rows.values().stream().anyMatch(b -> b[0] <= a.getValue()[0] && b[col] <= a.getValue()[col]
          && (b[0] < a.getValue()[0] || b[col] < a.getValue()[col]));
      if (!dominated) front.add(a.getKey());
    }
    return front;
  }

  private static List<String> ranking(Map<String, double[]> rows, int col) {
    return rows.entrySet().stream().sorted(Comparator.comparingDouble(e -> e.getValue()[col])).map(Map.Entry::getKey).toList();
  }
}
