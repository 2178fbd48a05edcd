package org.edgenas.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.edgenas.eval.CandidateModels;
import org.edgenas.results.ModelMaterializer;

/**
 * Finds a front model's trained, compressed ONNX file for export: its standalone training's ({@code
 * final/models/}, the recipe's {@code final:}) where there is one, else the search's ({@code models/}).
 */
final class TrainedModels {
  private TrainedModels() {}

  static ModelMaterializer materializer(Path runDir) {
    return (rec, dir) -> {
      Path found = CandidateModels.deployedFile(runDir.resolve(org.edgenas.eval.RecipeEvaluators.FINAL_FOLDER).resolve(CandidateModels.FOLDER),
          rec.hash());
      if (found == null) found = CandidateModels.deployedFile(runDir.resolve(CandidateModels.FOLDER), rec.hash());
      if (found == null) return null;
      Path target = dir.resolve("model.onnx");
      try {
        Files.copy(found, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + found + " to " + target, e);
      }
      return target;
    };
  }
}
