package org.edgenas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.latency.LatencyMeasurement;
import org.edgenas.latency.LatencyTable;
import org.edgenas.latency.LocalOrtProbe;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.ExportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas bench MODEL.onnx}: measures one ONNX model on this machine and prints the result. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure one ONNX model's latency on this machine with ONNX Runtime (CPU).",
      "The model's single input must be a float image tensor [1,3,H,W]; a space or architecture",
      "file (.yaml) is first exported (default picks, seed 0) to a temporary ONNX file."
    })
public final class BenchCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin ProtocolOptions protocolOptions;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL.onnx|ARCH.yaml",
      description = "The ONNX model to measure, or a space/architecture file to export (seed 0) and measure.")
  Path model;

  @Option(names = "--imgsz", paramLabel = "N", description = "With ARCH.yaml: export at this image size (default: the file's).")
  int imgsz;

  @Option(names = "--json", description = "Print one JSON object instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    LatencyMeasurement measurement = isYaml(model) ? benchExported(out) : bench(model, protocolOptions.protocol());
    out.print(json ? Json.pretty(measurement) : LatencyTable.render(measurement));
    out.flush();
    return Main.OK;
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** Exports the file's architecture to a temporary ONNX file, measures it, deletes it. */
  private LatencyMeasurement benchExported(PrintWriter out) {
    MeasurementProtocol protocol = protocolOptions.protocol();
    ArchitectureFile source = ArchitectureFile.load(model, 0, null);
    if (!source.note().isEmpty()) out.println(source.note());
    byte[] onnx = ExportCommand.export(source.architecture(), imgsz, ExportOptions.defaults());
    Path temp = null;
    try {
      String stem = model.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      temp = Files.createTempFile("edgenas-" + stem + "-", ".onnx");
      Files.write(temp, onnx);
      return bench(temp, protocol);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary ONNX file: " + e.getMessage(), e);
    } finally {
      if (temp != null) temp.toFile().delete();
    }
  }

  /** Measures an ONNX file under the protocol on this machine (reused by the YAML form of bench). */
  public static LatencyMeasurement bench(Path onnx, MeasurementProtocol protocol) {
    return new LocalOrtProbe(protocol).measure(onnx);
  }

  /** The protocol options shared by {@code bench} and {@code agent bench}; unset ones keep the defaults. */
  public static final class ProtocolOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads = MeasurementProtocol.DEFAULT.intraOpThreads();

    @Option(names = "--warmup", paramLabel = "N", description = "At least N untimed warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup = MeasurementProtocol.DEFAULT.warmupIterations();

    @Option(names = "--warmup-seconds", paramLabel = "S", description = "Warm up for at least S seconds (default: ${DEFAULT-VALUE}).")
    double warmupSeconds = MeasurementProtocol.DEFAULT.warmupMinSeconds();

    @Option(names = "--repeats", paramLabel = "N", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats = MeasurementProtocol.DEFAULT.repeats();

    /** The protocol the options describe; an out-of-range value is a {@link BadInputException}. */
    public MeasurementProtocol protocol() {
      MeasurementProtocol protocol = MeasurementProtocol.DEFAULT;
      protocol = with(protocol, "--threads", Field.INTRA_OP_THREADS, threads);
      protocol = with(protocol, "--warmup", Field.WARMUP_ITERATIONS, warmup);
      protocol = with(protocol, "--warmup-seconds", Field.WARMUP_MIN_SECONDS, warmupSeconds);
      return with(protocol, "--repeats", Field.REPEATS, repeats);
    }

    private static MeasurementProtocol with(MeasurementProtocol protocol, String option, Field field, double value) {
      String problem = field.problem(value);
      if (problem != null) throw new BadInputException("option " + option + ": " + problem);
      return protocol.with(field, value);
    }
  }
}
