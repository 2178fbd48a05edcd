package org.edgenas.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an Ultralytics {@code data.yaml}: {@code path} (absolute, or relative to the yaml's
 * folder; the yaml's folder when absent), {@code train} and {@code val} (a folder of images or a
 * {@code .txt} list of image paths, or a list of such, relative to {@code path}), {@code names}
 * (a list, or an index→name map with indices 0..n-1) and an optional {@code nc} that must agree.
 * Every problem is a {@link BadInputException} naming the file, the line and the field. Other keys
 * ({@code download:}, {@code test:}, ...) are Ultralytics' business: each is a warning in {@link
 * DatasetSpec#warnings()}, not an error. A key edgenas starts to read goes into {@link #KEYS}.
 */
public final class DataYaml {
  /** The keys edgenas reads. */
  public static final List<String> KEYS = List.of("path", "train", "val", "names", "nc");

  private DataYaml() {}

  public static DatasetSpec read(Path yaml) {
    if (!Files.isRegularFile(yaml)) throw BadInputException.at(yaml.toString(), 0, "file does not exist");
    YamlDoc doc = YamlDoc.read(yaml);
    if (!(doc.root() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
      throw doc.error(doc.root(), "expected a mapping with path, train, val and names");
    }
    List<String> warnings = doc.unknownKeys(doc.root(), "the file", KEYS).stream()
        .map(w -> w + " (not read by edgenas: ignored)").toList();
    Map<String, Node> map = doc.mapping(doc.root(), "the file");
    Path yamlDir = yaml.toAbsolutePath().normalize().getParent();
    Path root = yamlDir;
    Node path = map.get("path");
    if (path != null) {
      String s = doc.text(path, "path");
      if (s.isBlank()) throw doc.error(path, "path must be a folder name, was empty");
      root = yamlDir.resolve(s).normalize();
      if (!Files.isDirectory(root)) throw doc.error(path, "path folder " + root + " does not exist");
    }
    List<String> names = names(doc, map.get("names"));
    Node nc = map.get("nc");
    if (nc != null && !Integer.valueOf(names.size()).equals(doc.value(nc, "nc"))) {
      throw doc.error(nc, "nc is " + doc.value(nc, "nc") + " but names has " + names.size() + " entries");
    }
    return new DatasetSpec(yaml, root, sources(doc, root, "train", map.get("train")),
        sources(doc, root, "val", map.get("val")), names, warnings);
  }

  private static List<Path> sources(YamlDoc doc, Path root, String field, Node value) {
    if (value == null) throw doc.error(doc.root(), field + " is missing (expected a folder of images or a .txt list)");
    Object v = doc.value(value, field);
    List<?> items = v instanceof List<?> list ? list : List.of(v);
    if (items.isEmpty()) throw doc.error(value, field + " is missing (expected a folder of images or a .txt list)");
    List<Path> sources = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s) || s.isBlank()) throw doc.error(value, field + " must be a folder or .txt file name, was " + item);
      Path source = root.resolve(s).normalize();
      boolean list = s.endsWith(".txt");
      if (list ? !Files.isRegularFile(source) : !Files.isDirectory(source)) {
        throw doc.error(value, field + (list ? " list file " : " folder ") + source + " does not exist");
      }
      sources.add(source);
    }
    return sources;
  }

  private static List<String> names(YamlDoc doc, Node value) {
    if (value == null) throw doc.error(doc.root(), "names is missing (expected a list of class names or an index: name map)");
    List<String> names = new ArrayList<>();
    if (value instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
      for (Node n : doc.sequence(value, "names")) names.add(doc.text(n, "names"));
    } else if (value instanceof org.yaml.snakeyaml.nodes.MappingNode) {
      TreeMap<Integer, String> byIndex = new TreeMap<>();
      for (Map.Entry<String, Node> e : doc.mapping(value, "names").entrySet()) {
        int index;
        try {
          index = Integer.parseInt(e.getKey());
        } catch (NumberFormatException x) {
          index = -1;
        }
        if (index < 0) throw doc.error(e.getValue(), "names keys must be class indices 0..n-1, found " + e.getKey());
        byIndex.put(index, doc.text(e.getValue(), "names." + e.getKey()));
      }
      if (!byIndex.isEmpty() && byIndex.lastKey() != byIndex.size() - 1) {
        throw doc.error(value, "names indices must run 0.." + (byIndex.size() - 1) + " without gaps, found " + byIndex.keySet());
      }
      names.addAll(byIndex.values());
    } else {
      throw doc.error(value, "names must be a list or an index: name map, was " + doc.text(value, "names"));
    }
    if (names.isEmpty()) throw doc.error(value, "names is empty (expected at least one class)");
    return names;
  }
}
