package org.edgenas.space;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file read as a node tree (SnakeYAML's composer), so that every value keeps its line and
 * every error can say {@code file:line: field ...}. Shared by every loader of user files.
 */
public final class YamlDoc {
  private final String file;
  private final Node root;

  private YamlDoc(String file, Node root) {
    this.file = file;
    this.root = root;
  }

  public static YamlDoc read(Path path) {
    String file = path.toString();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      if (root == null) throw BadInputException.at(file, 0, "the file is empty");
      return new YamlDoc(file, root);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such file");
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.at(file, line, "not valid YAML: " + e.getProblem());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  public String file() {
    return file;
  }

  public Node root() {
    return root;
  }

  public static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  public BadInputException error(Node node, String message) {
    return BadInputException.at(file, node == null ? 0 : line(node), message);
  }

  /** The entries of a mapping node in file order; an error naming {@code what} otherwise. */
  public Map<String, Node> mapping(Node node, String what) {
    if (!(node instanceof MappingNode m)) throw error(node, what + " must be a mapping");
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) throw error(t.getKeyNode(), what + " keys must be plain words");
      if (out.put(k.getValue(), t.getValueNode()) != null) throw error(k, what + "." + k.getValue() + " appears twice");
    }
    return out;
  }

  public List<Node> sequence(Node node, String what) {
    if (!(node instanceof SequenceNode s)) throw error(node, what + " must be a list");
    return new ArrayList<>(s.getValue());
  }

  /** A scalar as Integer, Double, Boolean or String by its YAML tag; lists of scalars as lists. */
  public Object value(Node node, String what) {
    if (node instanceof SequenceNode s) {
      List<Object> out = new ArrayList<>();
      for (Node n : s.getValue()) out.add(value(n, what));
      return out;
    }
    if (!(node instanceof ScalarNode s)) throw error(node, what + " must be a value, not a mapping");
    String v = s.getValue();
    Tag tag = s.getTag();
    try {
      if (tag.equals(Tag.INT)) return Integer.valueOf(v.replace("_", ""));
      if (tag.equals(Tag.FLOAT)) return Double.valueOf(v.replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(node, what + " must be a number, was " + v);
    }
    if (tag.equals(Tag.BOOL)) return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|y"));
    if (tag.equals(Tag.NULL)) throw error(node, what + " has no value");
    return v;
  }

  public String string(Node node, String what) {
    Object v = value(node, what);
    if (!(v instanceof String s)) throw error(node, what + " must be text, was " + v);
    return s;
  }

  public int integer(Node node, String what, int min, int max) {
    Object v = value(node, what);
    if (!(v instanceof Integer i)) throw error(node, what + " must be an integer, was " + v);
    if (i < min || i > max) throw error(node, what + " must be " + min + ".." + max + ", was " + i);
    return i;
  }

  public double number(Node node, String what, double min, double max) {
    Object v = value(node, what);
    if (!(v instanceof Number n)) throw error(node, what + " must be a number, was " + v);
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) throw error(node, what + " must be " + min + ".." + max + ", was " + v);
    return d;
  }

  /** Refuses keys outside {@code allowed}, naming the first unknown one and the allowed set. */
  public void onlyKeys(Map<String, Node> map, String what, List<String> allowed, Node owner) {
    for (Map.Entry<String, Node> e : map.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw error(e.getValue(), (what.isEmpty() ? "" : what + ".") + e.getKey()
            + " is not a known field (expected one of " + String.join(", ", allowed) + ")");
      }
    }
  }
}
