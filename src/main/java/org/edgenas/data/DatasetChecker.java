package org.edgenas.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a YOLO dataset: parses {@code data.yaml} (a bad one is a {@link
 * org.edgenas.common.BadInputException}), then scans every image and label of each split and
 * collects counts and problems into a {@link CheckReport}.
 */
public final class DatasetChecker {
  private DatasetChecker() {}

  /**
   * @param stopAtFirstError stop scanning at the first error (the report then holds the problems
   *     found up to it)
   */
  public static CheckReport check(Path dataYaml, boolean stopAtFirstError) {
    DatasetSpec spec = DataYaml.read(dataYaml);
    SplitScanner scanner = new SplitScanner(spec);
    List<SplitStats> stats = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (String split : spec.splits().keySet()) {
      List<Path> images = scanner.listImages(split, problems);
      if (images.isEmpty()) {
        problems.add(new Problem(ProblemKind.NO_IMAGES, split, spec.yamlFile() + ": " + split + " has no images in " + spec.splits().get(split)));
      }
      int labelFiles = 0;
      int boxes = 0;
      int[] perClass = new int[spec.classCount()];
      boolean stopped = false;
      for (Path image : images) {
        stopped = stopAtFirstError && problems.stream().anyMatch(Problem::isError);
        if (stopped) break;
        SplitScanner.Scanned scanned = scanner.scan(split, image);
        problems.addAll(scanned.problems());
        if (scanned.problems().stream().noneMatch(p -> p.kind() == ProblemKind.MISSING_LABEL)) labelFiles++;
        boxes += scanned.boxes().size();
        for (LabelBox b : scanned.boxes()) perClass[b.classId()]++;
      }
      if (!stopped && !images.isEmpty() && boxes == 0) {
        problems.add(new Problem(ProblemKind.NO_BOXES, split, spec.yamlFile() + ": " + split + " has no valid box in any of its " + images.size() + " images"));
      }
      stats.add(new SplitStats(split, images.size(), labelFiles, boxes, java.util.Arrays.stream(perClass).boxed().toList()));
      if (stopAtFirstError && problems.stream().anyMatch(Problem::isError)) {
        return new CheckReport(spec, stats, problems, true);
      }
    }
    return new CheckReport(spec, stats, problems, false);
  }
}
