package org.edgenas.results;

import java.nio.file.Path;
import org.edgenas.evaluation.Evaluation;

/**
 * Writes a model's deployable ONNX file (trained weights, compressed as its genes say) into a
 * folder during export. Provided by the training/ONNX side; export works without one and says so
 * in the manifest.
 */
@FunctionalInterface
public interface ModelMaterializer {
  /** Writes the ONNX file of the evaluated model into {@code dir} and returns its path, or null when the run has none. */
  Path writeOnnx(Evaluation evaluation, Path dir);
}
