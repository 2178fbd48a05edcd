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
import org.edgenas.results.Run;
import org.edgenas.results.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders the report of the fixture run in headless Chromium: every image decodes, the front table is there. */
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
    Run run = RunFolder.read(Path.of(ExportRunCommandTest.RUN));
    assertEquals(run.front().size(), count(dom, "class=\"front-row\""), "rows of the front table");
    assertTrue(dom.contains("id=\"front\""));

    Path shot = tmp.resolve("report.png");
    chromium(tmp, "--screenshot=" + shot, html);
    assertTrue(Files.size(shot) > 10_000, "screenshot of the report");
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
