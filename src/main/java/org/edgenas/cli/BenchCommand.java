package org.edgenas.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.device.Device;
import org.edgenas.device.DeviceInventory;
import org.edgenas.device.DeviceLatencyProbe;
import org.edgenas.device.Precision;
import org.edgenas.device.RemoteMeasurement;
import org.edgenas.device.RunRequest;
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

/** {@code edgenas bench MODEL.onnx [--device NAME]}: measures one ONNX model on this machine or a device and prints the result. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure one model's latency on this machine (ONNX Runtime, CPU) or on a registered device.",
      "With --device NAME the device measures it over SSH with its own runtime.",
      "The model's single input must be a float image tensor [1,3,H,W].",
      "A space or architecture file (.yaml) is first exported (default picks, seed 0) to a temporary ONNX file."
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

  @Option(names = "--device", paramLabel = "NAME",
      description = "Measure on this device of the device folder over SSH (default: local = this machine).")
  String device = LOCAL;

  @Option(names = "--devices-dir", paramLabel = "DIR", description = "The device folder (default: ${DEFAULT-VALUE}).")
  Path devicesDir = Path.of("devices");

  @Option(names = "--precision", paramLabel = "P",
      description = "Engine precision on a trtexec device: fp32, fp16, int8 (default: ${DEFAULT-VALUE}).")
  String precision = "fp32";

  @Option(names = "--sustained", paramLabel = "S",
      description = "On a device: keep it busy S seconds before the timed runs (sustained mode; default 0).")
  int sustainedSeconds;

  /** The device name that means this machine. */
  public static final String LOCAL = "local";

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path onnx = isYaml(model) ? exportToTemp(out) : model;
    try {
      if (device.equals(LOCAL)) {
        LatencyMeasurement measurement = bench(onnx, protocolOptions.protocol());
        out.print(json ? Json.pretty(measurement) : LatencyTable.render(measurement));
      } else {
        RemoteMeasurement measurement = benchOnDevice(onnx, device, devicesDir, request());
        out.print(json ? Json.pretty(measurement) : measurement.describe());
      }
    } finally {
      if (onnx != model) onnx.toFile().delete();
    }
    out.flush();
    return Main.OK;
  }

  /** Measures an ONNX file on a device of the device folder (its runtime, its SSH session). */
  public static RemoteMeasurement benchOnDevice(Path onnx, String name, Path devicesDir, RunRequest request) {
    if (!Files.isRegularFile(onnx)) throw new BadInputException(onnx + ": no such file (expected an ONNX model)");
    Device d = new DeviceInventory(devicesDir).get(name);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      return probe.measure(onnx, request);
    }
  }

  private RunRequest request() {
    Precision p;
    try {
      p = Precision.parse(precision);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("option --precision: " + e.getMessage());
    }
    if (sustainedSeconds < 0 || sustainedSeconds > 3600) {
      throw new BadInputException("option --sustained: must be 0..3600 seconds, was " + sustainedSeconds);
    }
    return new RunRequest(protocolOptions.protocol(), p, sustainedSeconds);
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /** Exports the file's architecture (default picks, seed 0) to a temporary ONNX file. */
  private Path exportToTemp(PrintWriter out) {
    ArchitectureFile source = ArchitectureFile.load(model, 0, null);
    if (!source.note().isEmpty()) out.println(source.note());
    byte[] onnx = ExportCommand.export(source.architecture(), imgsz, ExportOptions.defaults());
    try {
      String stem = model.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      Path temp = Files.createTempFile("edgenas-" + stem + "-", ".onnx");
      Files.write(temp, onnx);
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a temporary ONNX file: " + e.getMessage(), e);
    }
  }

  /** Measures an ONNX file under the protocol on this machine (reused by the YAML form of bench). */
  public static LatencyMeasurement bench(Path onnx, MeasurementProtocol protocol) {
    return new LocalOrtProbe(protocol).measure(onnx);
  }

  /** The protocol options shared by {@code bench} and {@code agent bench} (see {@link org.edgenas.latency.ProtocolOptions}). */
  public static final class ProtocolOptions extends org.edgenas.latency.ProtocolOptions {}
}
