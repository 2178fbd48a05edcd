package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.results.ModelSelection;
import org.edgenas.results.RunStatistics;
import org.edgenas.run.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report of the fixture run in headless Chromium: every image decodes with readable
 * axes, the front table is sorted with the knee marked and the baselines below.
 */
class ReportCommandTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  @TempDir Path tmp;

  @Test
  void theReportRendersInChromiumWithEveryImageDecodedAndTheFrontTable() throws Exception {
    Path html = tmp.resolve("report.html");
    String out = MainTest.runCapture(0, "report", ExportRunCommandTest.RUN, "--out", html.toString())[0];
    assertTrue(out.startsWith("wrote " + html), out);
    String page = Files.readString(html);
    int images = count(page, "<img ");
    assertEquals(4, images, "two device fronts, hypervolume, surrogate fidelity");

    String dom = chromium(tmp, "--dump-dom", html);
    Matcher title = Pattern.compile("<title>images (\\d+)/(\\d+)</title>").matcher(dom);
    assertTrue(title.find(), "the page script did not run in Chromium; DOM starts: " + dom.substring(0, Math.min(400, dom.length())));
    assertEquals(images + "/" + images, title.group(1) + "/" + title.group(2), "images decoded in Chromium");
    assertEquals(2 * images, ticks(dom).size(), "tick labels of both axes of every plot");
    ticks(dom).forEach(ReportCommandTest::assertReadable);

    Run run = Run.read(Path.of(ExportRunCommandTest.RUN));
    List<String> rows = new ArrayList<>();
    Matcher row = Pattern.compile("<tr class=\"front-row[^\"]*\"><td><code>([0-9a-f]+)</code>").matcher(dom);
    while (row.find()) rows.add(row.group(1));
    List<String> byMap = run.front().stream()
        .sorted(Comparator.comparingDouble((Evaluation e) -> -e.values().get("map50_95").value())).map(Evaluation::hash).toList();
    assertEquals(byMap, rows, "the front table lists the front by mAP50-95, largest first");
    assertEquals(1, count(dom, "class=\"front-row knee\""), "one knee marked");
    assertTrue(dom.contains(ModelSelection.knee(run, run.front()).hash() + "</code> ★ knee"), "the knee export --knee picks");
    assertEquals(2, count(dom, "class=\"baseline-row\""), "the two baselines below the front");
    assertTrue(dom.indexOf("yolo11n") > dom.lastIndexOf("front-row"), "baselines after the front");

    Path shot = tmp.resolve("report.png");
    chromium(tmp, "--screenshot=" + shot, html);
    assertTrue(Files.size(shot) > 10_000, "screenshot of the report");
  }

  /**
   * A run whose surrogate ranked perfectly in every generation (its predictions made a constant
   * offset of the measured mAP) has a constant Kendall τ of 1: its axis still reads as distinct
   * plain numbers in the rendered page.
   */
  @Test
  void aConstantTauSeriesRendersWithAReadableAxis() throws Exception {
    Path runDir = tmp.resolve("constant-tau");
    copyTree(Path.of(ExportRunCommandTest.RUN), runDir);
    StringBuilder lines = new StringBuilder();
    for (String line : Files.readAllLines(runDir.resolve("evaluations.jsonl"))) {
      JsonNode node = Json.mapper().readTree(line);
      JsonNode predicted = node.at("/values/surrogate_map50_95"), measured = node.at("/values/map50_95");
      if (predicted.isObject() && measured.path("kind").asText().equals("MEASURED")) {
        ((ObjectNode) predicted).put("value", measured.path("value").asDouble() + 0.01);
      }
      lines.append(Json.line(node)).append('\n');
    }
    Files.writeString(runDir.resolve("evaluations.jsonl"), lines);
    List<Double> taus = RunStatistics.surrogateFidelity(Run.read(runDir)).stream().map(RunStatistics.PerGeneration::value).distinct().toList();
    assertEquals(List.of(1.0), taus, "a constant τ series");

    Path html = tmp.resolve("constant-tau.html");
    MainTest.runCapture(0, "report", runDir.toString(), "--out", html.toString());
    String dom = chromium(tmp, "--dump-dom", html);
    Matcher tau = Pattern.compile("<img[^>]*alt=\"Kendall tau per generation\"[^>]*data-y-ticks=\"([^\"]*)\"").matcher(dom);
    assertTrue(tau.find(), "the τ plot is in the rendered page");
    List<String> ticks = List.of(tau.group(1).split("\\|"));
    assertReadable(ticks);
    assertTrue(ticks.contains("1.0") || ticks.contains("1.00"), "τ = 1 is on the axis: " + ticks);
  }
  @Test
  void aFolderWithoutRunJsonIsBadInput() {
    String err = MainTest.runCapture(2, "report", tmp.toString())[1];
    assertTrue(err.contains("not a run folder"), err);
  }

  private static String chromium(Path tmp, String action, Path html) throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(CHROMIUM + " is missing: this test renders the HTML report in headless Chromium. Install it with"
          + " `apt-get install -y chromium` (.ci/run does this in CI).");
    }
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + tmp.resolve("chromium-profile"), "--virtual-time-budget=5000", "--window-size=1200,3600", action,
        html.toUri().toString()));
    Path stdout = tmp.resolve("chromium.out");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(tmp.resolve("chromium.err").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s");
    }
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(tmp.resolve("chromium.err")));
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** The tick labels of every plot's axes, as the page carries them. */
  private static List<List<String>> ticks(String dom) {
    List<List<String>> out = new ArrayList<>();
    Matcher m = Pattern.compile("data-[xy]-ticks=\"([^\"]*)\"").matcher(dom);
    while (m.find()) out.add(List.of(m.group(1).split("\\|")));
    return out;
  }

  /** At least two tick labels, all different, none in scientific notation. */
  private static void assertReadable(List<String> ticks) {
    assertTrue(ticks.size() >= 2, "too few ticks: " + ticks);
    assertEquals(ticks.size(), new java.util.HashSet<>(ticks).size(), "repeated tick labels: " + ticks);
    assertTrue(ticks.stream().noneMatch(t -> t.matches(".*\\dE-?\\d.*")), "scientific notation: " + ticks);
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      return "(no stderr)";
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
    return n;
  }
}
