package org.edgenas.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.BadInputException;

/**
 * An Ultralytics YOLO dataset loaded from its {@code data.yaml}: the train and val images with
 * their sizes and boxes. Images whose label file is missing or empty are kept as backgrounds;
 * an image with any error (unreadable, bad row) is skipped or fails the load, after the {@link
 * BadEntryPolicy}. Pixels are not decoded here (see {@link ImageCache}).
 */
public final class YoloDataset {
  private final DatasetSpec spec;
  private final List<LabeledImage> train;
  private final List<LabeledImage> val;
  private final List<Problem> problems;

  private YoloDataset(DatasetSpec spec, List<LabeledImage> train, List<LabeledImage> val, List<Problem> problems) {
    this.spec = spec;
    this.train = List.copyOf(train);
    this.val = List.copyOf(val);
    this.problems = List.copyOf(problems);
  }

  /**
   * Loads a dataset.
   *
   * @throws BadInputException for a bad {@code data.yaml}, a split without images, or (with
   *     {@link BadEntryPolicy#FAIL}) the first bad image or label row
   */
  public static YoloDataset load(Path dataYaml, BadEntryPolicy policy) {
    return load(DataYaml.read(dataYaml), policy);
  }

  /** Loads the dataset of a {@code data.yaml} already read. */
  public static YoloDataset load(DatasetSpec spec, BadEntryPolicy policy) {
    Path dataYaml = spec.yamlFile();
    SplitScanner scanner = new SplitScanner(spec);
    List<Problem> problems = new ArrayList<>();
    List<List<LabeledImage>> splits = new ArrayList<>();
    for (String split : spec.splits().keySet()) {
      List<Problem> listing = new ArrayList<>();
      List<Path> paths = scanner.listImages(split, listing);
      failOnError(policy, listing);
      problems.addAll(listing);
      List<LabeledImage> images = new ArrayList<>();
      for (Path path : paths) {
        SplitScanner.Scanned s = scanner.scan(split, path);
        failOnError(policy, s.problems());
        problems.addAll(s.problems());
        if (!s.hasError()) images.add(new LabeledImage(path, s.width(), s.height(), s.boxes()));
      }
      if (images.isEmpty()) {
        throw BadInputException.at(dataYaml.toString(), 0, split + " has no usable images in " + spec.splits().get(split)
            + " (" + paths.size() + " found, " + problems.stream().filter(Problem::isError).count() + " errors; run 'edgenas dataset check')");
      }
      splits.add(images);
    }
    return new YoloDataset(spec, splits.get(0), splits.get(1), problems);
  }

  private static void failOnError(BadEntryPolicy policy, List<Problem> found) {
    if (policy != BadEntryPolicy.FAIL) return;
    for (Problem p : found) {
      if (p.isError()) throw new BadInputException(p.message() + " (" + p.kind().title() + ")");
    }
  }

  public DatasetSpec spec() {
    return spec;
  }

  public List<String> names() {
    return spec.names();
  }

  public List<LabeledImage> train() {
    return train;
  }

  public List<LabeledImage> val() {
    return val;
  }

  /** Warnings, and under {@link BadEntryPolicy#SKIP} the errors of the skipped images. */
  public List<Problem> problems() {
    return problems;
  }
}
