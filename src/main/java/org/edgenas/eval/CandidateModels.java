package org.edgenas.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.common.AtomicFiles;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;

/**
 * The ONNX files of candidates, one folder per run: {@code <hash>-<imgsz>-<tag>.onnx}. A file is
 * exported once and reused (the export is deterministic, so the name says what is inside).
 */
public final class CandidateModels {
  /** The folder of a run that holds its models. */
  public static final String FOLDER = "models";

  private final Path dir;

  public CandidateModels(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * The model for latency measurement: the deployed graph (folded, at the layers' bit widths) with
   * seeded random weights — latency depends on the graph, not on the trained values.
   */
  public Path forLatency(Architecture arch, int imgsz, long seed) {
    Path file = dir.resolve(arch.hash() + "-" + imgsz + "-seed" + seed + ".onnx");
    if (Files.isRegularFile(file)) return file;
    Network net = arch.lower(imgsz);
    AtomicFiles.write(file, OnnxExporter.export(net, Weights.init(net, seed), ExportOptions.defaults().withSeed(seed)));
    return file;
  }

  /**
   * The deployed model of a candidate (trained, compressed as its genes say) in a models folder:
   * {@code <hash>-deployed.onnx}, or null when it was never proxy-trained.
   */
  public static Path deployedFile(Path dir, String hash) {
    Path f = dir.resolve(hash + "-deployed.onnx");
    return Files.isRegularFile(f) ? f : null;
  }

  /** Writes a trained model's file and returns its path. */
  public Path write(String name, byte[] onnx) {
    Path file = dir.resolve(name);
    AtomicFiles.write(file, onnx);
    return file;
  }
}
