package org.edgenas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.Json;
import org.edgenas.results.Exporter;
import org.edgenas.results.RunFolder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas export results/<run> [--all | --knee | --pick EXPR] --to DIR}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export models of a run's Pareto front: per model its architecture (a space file), an Ultralytics",
      "model YAML where all its blocks exist there, metrics.json with provenance; and manifest.json.",
      "Only models with real measurements of every objective are exported."
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN", description = "The run folder, e.g. results/<run>.")
  Path run;

  @ArgGroup(exclusive = true)
  Which which = new Which();

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "The folder to write into.")
  Path to;

  static final class Which {
    @Option(names = "--all", description = "Every model of the front (the default).")
    boolean all;

    @Option(names = "--knee", description = "The knee of the front (farthest from the plane through the extremes, normalised).")
    boolean knee;

    @Option(names = "--pick", paramLabel = "EXPR", description = "e.g. 'best-map latency@rpi5<30ms params<2M'.")
    String pick;
  }

  @Override
  public Integer call() throws Exception {
    Exporter.Selection selection = which.pick != null ? Exporter.Selection.pick(which.pick)
        : which.knee ? Exporter.Selection.KNEE : Exporter.Selection.ALL;
    Path manifest = new Exporter(null).export(RunFolder.read(run), selection, to);
    JsonNode m = Json.mapper().readTree(manifest.toFile());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("exported %d model(s) of %s (%s) to %s%n", m.path("models").size(), run, selection, to);
    for (JsonNode model : m.path("models")) {
      out.printf("  %s  ultralytics: %s  onnx: %s%n", model.path("hash").asText(),
          model.path("ultralytics").isNull() ? "no (" + model.path("ultralytics_note").asText() + ")" : "yes",
          model.path("onnx").isNull() ? "not written (no ONNX exporter wired in)" : model.path("onnx").asText());
    }
    if (m.path("skipped").size() > 0) out.printf("  %d front model(s) skipped (see manifest.json)%n", m.path("skipped").size());
    out.flush();
    return Main.OK;
  }
}
