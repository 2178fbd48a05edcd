package org.edgenas.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.common.BadInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads an Ultralytics {@code data.yaml}: {@code path} (absolute, or relative to the yaml's
 * folder; the yaml's folder when absent), {@code train} and {@code val} (a folder of images or a
 * {@code .txt} list of image paths, or a list of such, relative to {@code path}), {@code names}
 * (a list, or an index→name map with indices 0..n-1) and an optional {@code nc} that must agree.
 * Every problem is a {@link BadInputException} naming the file and the field.
 */
public final class DataYaml {
  private DataYaml() {}

  public static DatasetSpec read(Path yaml) {
    String file = yaml.toString();
    if (!Files.isRegularFile(yaml)) throw BadInputException.at(file, 0, "file does not exist");
    Object doc;
    try (Reader reader = Files.newBufferedReader(yaml, StandardCharsets.UTF_8)) {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw BadInputException.at(file, 0, "cannot read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw BadInputException.at(file, 0, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw BadInputException.at(file, 0, "expected a mapping with path, train, val and names, was "
          + (doc == null ? "an empty file" : doc.getClass().getSimpleName()));
    }
    Path yamlDir = yaml.toAbsolutePath().normalize().getParent();
    Path root = yamlDir;
    Object path = map.get("path");
    if (path != null) {
      if (!(path instanceof String s) || s.isBlank()) throw BadInputException.at(file, 0, "path must be a folder name, was " + path);
      root = yamlDir.resolve(s).normalize();
      if (!Files.isDirectory(root)) throw BadInputException.at(file, 0, "path folder " + root + " does not exist");
    }
    List<String> names = names(file, map.get("names"));
    Object nc = map.get("nc");
    if (nc != null && !nc.equals(names.size())) {
      throw BadInputException.at(file, 0, "nc is " + nc + " but names has " + names.size() + " entries");
    }
    return new DatasetSpec(yaml, root, sources(file, root, "train", map.get("train")),
        sources(file, root, "val", map.get("val")), names);
  }

  private static List<Path> sources(String file, Path root, String field, Object value) {
    List<?> items = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    if (items.isEmpty()) throw BadInputException.at(file, 0, field + " is missing (expected a folder of images or a .txt list)");
    List<Path> sources = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw BadInputException.at(file, 0, field + " must be a folder or .txt file name, was " + item);
      }
      Path source = root.resolve(s).normalize();
      boolean list = s.endsWith(".txt");
      if (list ? !Files.isRegularFile(source) : !Files.isDirectory(source)) {
        throw BadInputException.at(file, 0, field + (list ? " list file " : " folder ") + source + " does not exist");
      }
      sources.add(source);
    }
    return sources;
  }

  private static List<String> names(String file, Object value) {
    if (value == null) throw BadInputException.at(file, 0, "names is missing (expected a list of class names or an index: name map)");
    List<String> names = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object name : list) names.add(String.valueOf(name));
    } else if (value instanceof Map<?, ?> map) {
      TreeMap<Integer, String> byIndex = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof Integer index) || index < 0) {
          throw BadInputException.at(file, 0, "names keys must be class indices 0..n-1, found " + e.getKey());
        }
        byIndex.put(index, String.valueOf(e.getValue()));
      }
      if (!byIndex.isEmpty() && byIndex.lastKey() != byIndex.size() - 1) {
        throw BadInputException.at(file, 0, "names indices must run 0.." + (byIndex.size() - 1) + " without gaps, found " + byIndex.keySet());
      }
      names.addAll(byIndex.values());
    } else {
      throw BadInputException.at(file, 0, "names must be a list or an index: name map, was " + value);
    }
    if (names.isEmpty()) throw BadInputException.at(file, 0, "names is empty (expected at least one class)");
    return names;
  }
}
