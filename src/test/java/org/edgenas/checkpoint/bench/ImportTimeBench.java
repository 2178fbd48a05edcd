package org.edgenas.checkpoint.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.OnnxCheckpointReader;

/**
 * How long importing a checkpoint takes: reading the ONNX file (protobuf parse, SHA-256, float
 * conversion) and fitting it onto the reference architecture, each timed over several repeats
 * after two warm-ups. Prints one TSV row per file: file, MB, tensors, transferred, read and fit
 * medians and minima in ms.
 *
 * <p>Usage: {@code bench/checkpoint-import.sh [REPEATS] FILE=ARCH.yaml ...}
 */
public final class ImportTimeBench {
  private ImportTimeBench() {}

  public static void main(String[] args) throws Exception {
    int repeats = Integer.parseInt(args[0]);
    System.out.println("file\tmb\ttensors\ttransferred\tread_median_ms\tread_min_ms\tfit_median_ms\tfit_min_ms\trepeats");
    for (int a = 1; a < args.length; a++) {
      String[] pair = args[a].split("=", 2);
      Path file = Path.of(pair[0]);
      Checkpoint first = OnnxCheckpointReader.read(file);
      int nc = first.metadata().containsKey("edgenas.nc") ? Integer.parseInt(first.metadata().get("edgenas.nc")) : 80;
      Network net = ArchitectureFile.load(Path.of(pair[1]), nc, null).architecture().lower(320);
      Weights fresh = Weights.init(net, 1);
      double[] read = new double[repeats];
      double[] fit = new double[repeats];
      ImportedWeights last = null;
      for (int r = -2; r < repeats; r++) {
        long t0 = System.nanoTime();
        Checkpoint c = OnnxCheckpointReader.read(file);
        long t1 = System.nanoTime();
        last = CheckpointImport.fit(c, net, fresh);
        long t2 = System.nanoTime();
        if (r >= 0) {
          read[r] = (t1 - t0) / 1e6;
          fit[r] = (t2 - t1) / 1e6;
        }
      }
      Arrays.sort(read);
      Arrays.sort(fit);
      System.out.printf(Locale.ROOT, "%s\t%.1f\t%d\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d%n", file.getFileName(),
          java.nio.file.Files.size(file) / 1e6, last.total(), last.transferred().size(), read[repeats / 2], read[0],
          fit[repeats / 2], fit[0], repeats);
    }
  }
}
