package org.edgenas.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code data.yaml}: the file itself, the dataset root ({@code path}), the sources of
 * each split (image folders or {@code .txt} lists, already resolved against the root) and the
 * class names in index order, and the warnings its reading raised (keys edgenas does not read,
 * each a located sentence: Ultralytics files carry {@code download:}, {@code test:} and others).
 */
public record DatasetSpec(Path yamlFile, Path root, List<Path> train, List<Path> val, List<String> names, List<String> warnings) {
  public static final String TRAIN = "train";
  public static final String VAL = "val";

  public DatasetSpec {
    Objects.requireNonNull(yamlFile, "yamlFile");
    Objects.requireNonNull(root, "root");
    train = List.copyOf(train);
    val = List.copyOf(val);
    names = List.copyOf(names);
    warnings = List.copyOf(warnings);
    if (train.isEmpty() || val.isEmpty()) throw new IllegalArgumentException(yamlFile + ": train and val need a source each");
    if (names.isEmpty()) throw new IllegalArgumentException(yamlFile + ": names must not be empty");
  }

  /** The number of classes. */
  public int classCount() {
    return names.size();
  }

  /** The splits in order (train, val) with their sources. */
  public Map<String, List<Path>> splits() {
    Map<String, List<Path>> splits = new LinkedHashMap<>();
    splits.put(TRAIN, train);
    splits.put(VAL, val);
    return splits;
  }

  /** {@code file} relative to the dataset root when it lies inside it, else as it is; for messages. */
  public String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }
}
