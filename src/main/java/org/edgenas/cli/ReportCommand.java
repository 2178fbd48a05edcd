package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.AtomicFiles;
import org.edgenas.results.HtmlReport;
import org.edgenas.run.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas report results/<run>}: writes a self-contained HTML report of the run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report of a run.",
      "It shows the Pareto front per device with baselines, hypervolume per generation, surrogate fidelity and a table of the front."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder, e.g. results/<run>.")
  Path run;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: RUN/report.html).")
  Path out;

  @Override
  public Integer call() {
    Run data = Run.read(run);
    Path target = out != null ? out : run.resolve("report.html");
    AtomicFiles.writeString(target, HtmlReport.render(data));
    PrintWriter w = spec.commandLine().getOut();
    w.printf("wrote %s (front of %d, %d evaluations)%n", target, data.front().size(), data.evaluations().size());
    w.flush();
    return Main.OK;
  }
}
