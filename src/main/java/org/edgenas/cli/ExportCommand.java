package org.edgenas.cli;

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
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas export ARCH.yaml --out FILE.onnx}: one architecture with seeded weights as an ONNX model. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Export one architecture (a reference or space file) to ONNX with seeded weights.",
      "Input images float [1,3,N,N]; output output0 [1,4+nc,anchors] (cx,cy,w,h in pixels, then class scores),",
      "or with --nms output0 [N,6] (x1,y1,x2,y2, score, class)."
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ARCH.yaml", description = "A reference architecture or a space file.")
  Path file;

  @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Where to write the model.")
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
  public Integer call() {
    ExportOptions options = ExportOptions.defaults().withOpset(opset).withBits(bits).withNms(nms).withSeed(seed).withNames(names);
    if (nc < 0) throw new BadInputException("--nc must be 1..10000, was " + nc);
    long start = System.nanoTime();
    ArchitectureFile source = ArchitectureFile.load(file, nc, pickSeed);
    Architecture arch = source.architecture();
    byte[] model = export(arch, imgsz, options);
    AtomicFiles.write(out, model);
    PrintWriter w = spec.commandLine().getOut();
    if (!source.note().isEmpty()) w.println(source.note());
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
