package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.data.CheckReport;
import org.edgenas.data.DatasetChecker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas dataset check data.yaml}: counts and problems per split. Exit 0 when clean or
 * only warnings, 1 when errors were found, 2 when data.yaml itself is bad.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check an Ultralytics YOLO dataset: its images, label files, boxes and per-class counts per split.",
      "Problems are listed by kind with up to 3 examples each.",
      "Exit 0: clean or only warnings; 1: errors; 2: bad data.yaml."
    })
public final class DatasetCheckCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATA_YAML", description = "The dataset's data.yaml.")
  Path dataYaml;

  @Option(names = "--fail-on-error", description = "Stop scanning at the first error (a quick yes/no).")
  boolean failOnError;

  @Override
  public Integer call() {
    CheckReport report = DatasetChecker.check(dataYaml, failOnError);
    PrintWriter warnings = spec.commandLine().getErr();
    report.spec().warnings().forEach(w -> warnings.println("edgenas: warning: " + w));
    warnings.flush();
    PrintWriter out = spec.commandLine().getOut();
    out.print(report.format());
    out.flush();
    if (report.errorCount() == 0) return Main.OK;
    PrintWriter err = spec.commandLine().getErr();
    err.println("edgenas: dataset " + dataYaml + " has " + report.summary());
    err.flush();
    return Main.FAILURE;
  }
}
