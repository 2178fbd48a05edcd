package org.edgenas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.results.Exporter;
import org.edgenas.run.Run;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas export}: a run's Pareto front ({@code export results/<run> [--all|--knee|--pick EXPR] --to DIR})
 * or one architecture file as an ONNX model with seeded weights ({@code export ARCH.yaml --out FILE.onnx}).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export the Pareto-front models of a run, or one architecture, as ONNX files.",
      "export results/<run> --to DIR writes per front model the ONNX file (trained weights, compressed as its genes say),",
      "its architecture as a space file, an Ultralytics model YAML where all its blocks exist there, and metrics.json",
      "with provenance; and manifest.json. Only models with real measurements of every objective are exported.",
      "export ARCH.yaml --out FILE.onnx writes one architecture with seeded weights. Its input is images float [1,3,N,N];",
      "its output output0 is [1,4+nc,anchors] (cx,cy,w,h in pixels, then class scores), or [N,6] with --nms."
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_OR_ARCH", description = "A run folder (results/<run>) or an architecture/space file.")
  Path source;

  @Option(names = "--to", paramLabel = "DIR", description = "Run export: the folder to write into.")
  Path to;

  @ArgGroup(exclusive = true)
  Which which = new Which();

  static final class Which {
    @Option(names = "--all", description = "Run export: every model of the front (the default).")
    boolean all;

    @Option(names = "--knee", description = "Run export: the knee of the front (farthest from the plane through the extremes, normalised).")
    boolean knee;

    @Option(names = "--pick", paramLabel = "EXPR", description = "Run export: e.g. 'best-map latency@rpi5<30ms params<2M'.")
    String pick;
  }

  @Option(names = "--out", paramLabel = "FILE.onnx", description = "Architecture export: where to write the model.")
  Path out;

  @Option(names = "--imgsz", paramLabel = "N", description = "Image size, a multiple of 32 (default: the file's).")
  int imgsz;

  @Option(names = "--nc", paramLabel = "K", description = "Number of classes (default: the file's).")
  int nc;

  @Option(names = "--opset", paramLabel = "V", description = "ONNX opset 13..21 (default: ${DEFAULT-VALUE}).")
  int opset = ExportOptions.DEFAULT_OPSET;

  @Option(names = "--bits", paramLabel = "B", description = "32, 16 or 8 for every layer (default: each layer's own).")
  int bits;

  @Option(names = "--seed", paramLabel = "S", description = "Weight initialisation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--pick-seed", paramLabel = "S", description = "For a space with choices: sample the picks with this seed.")
  Long pickSeed;

  @Option(names = "--nms", description = "Append a NonMaxSuppression end.")
  boolean nms;

  @Option(names = "--names", split = ",", paramLabel = "NAME", description = "Class names for the metadata, comma-separated.")
  List<String> names = List.of();

  @Override
  public Integer call() throws Exception {
    if (java.nio.file.Files.isDirectory(source)) return exportRun();
    if (out == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          source + " is not a run folder; exporting an architecture file needs --out FILE.onnx");
    }
    return exportArchitecture();
  }

  private int exportRun() throws Exception {
    if (to == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "exporting a run needs --to DIR");
    Exporter.Selection selection = which.pick != null ? Exporter.Selection.pick(which.pick)
        : which.knee ? Exporter.Selection.KNEE : Exporter.Selection.ALL;
    Path manifest = new Exporter(TrainedModels.materializer(source)).export(Run.read(source), selection, to);
    JsonNode m = Json.mapper().readTree(manifest.toFile());
    PrintWriter w = spec.commandLine().getOut();
    w.printf("exported %d model(s) of %s (%s) to %s%n", m.path("models").size(), source, selection, to);
    for (JsonNode model : m.path("models")) {
      w.printf("  %s  ultralytics: %s  onnx: %s%n", model.path("hash").asText(),
          model.path("ultralytics").isNull() ? "no (" + model.path("ultralytics_note").asText() + ")" : "yes",
          model.path("onnx").isNull() ? "not written (" + model.path("onnx_note").asText("") + ")" : model.path("onnx").asText());
    }
    if (m.path("skipped").size() > 0) w.printf("  %d front model(s) skipped (see manifest.json)%n", m.path("skipped").size());
    w.flush();
    return Main.OK;
  }

  private int exportArchitecture() {
    ExportOptions options = ExportOptions.defaults().withOpset(opset).withBits(bits).withNms(nms).withSeed(seed).withNames(names);
    if (nc < 0) throw new BadInputException("--nc must be 1..10000, was " + nc);
    long start = System.nanoTime();
    ArchitectureFile file = ArchitectureFile.load(source, nc, pickSeed);
    Architecture arch = file.architecture();
    byte[] model = export(arch, imgsz, options);
    AtomicFiles.write(out, model);
    PrintWriter w = spec.commandLine().getOut();
    if (!file.note().isEmpty()) w.println(file.note());
    w.printf(Locale.ROOT, "wrote %s: %s (hash %s), imgsz %d, nc %d, opset %d, %.1f MB in %.2f s%n", out, arch.name(),
        arch.hash(), imgsz == 0 ? arch.imgsz() : imgsz, arch.nc(), opset, model.length / 1e6, (System.nanoTime() - start) / 1e9);
    w.flush();
    return Main.OK;
  }

  /** Lowers at {@code size} (0: the architecture's) with weights seeded by the options and exports. */
  public static byte[] export(Architecture arch, int size, ExportOptions options) {
    if (size != 0 && (size < 32 || size % 32 != 0)) throw new BadInputException("--imgsz must be a positive multiple of 32, was " + size);
    Network net = arch.lower(size == 0 ? arch.imgsz() : size);
    return OnnxExporter.export(net, Weights.init(net, options.seed()), options);
  }
}
