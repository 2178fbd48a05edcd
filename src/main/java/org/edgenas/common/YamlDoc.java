package org.edgenas.common;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The one YAML reader of edgenas: a user file read as a node tree (SnakeYAML's composer), so that
 * every value keeps its line and every error is one sentence {@code file:line: field ...}. Every
 * loader of a user file (space, recipe, evaluator profile, device, data.yaml) reads through it.
 *
 * <p>A loader names the keys a mapping may hold in one list and gets the mapping through {@link
 * #fields}, which refuses any other key with {@code file:line: unknown key 'k'; allowed: a, b, ...};
 * adding a key to a file kind is adding it to that list and reading it.
 */
public final class YamlDoc {
  private final String file;
  private final String text;
  private final Node root;

  private YamlDoc(String file, String text, Node root) {
    this.file = file;
    this.text = text;
    this.root = root;
  }

  /** Reads and composes a file; a missing, unreadable, empty or malformed file is bad input. */
  public static YamlDoc read(Path path) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new BadInputException(path + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(path + ": cannot read (" + e.getMessage() + ")", e);
    }
    return parse(text, path.toString());
  }

  /** Composes {@code text}; {@code file} names it in messages. */
  public static YamlDoc parse(String text, String file) {
    try (Reader reader = new StringReader(text)) {
      Node root = new Yaml(new LoaderOptions()).compose(reader);
      if (root == null) throw BadInputException.at(file, 0, "the file is empty");
      return new YamlDoc(file, text, root);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.at(file, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw BadInputException.at(file, 0, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String file() {
    return file;
  }

  /** The file's text as read (for digests). */
  public String text() {
    return text;
  }

  public Node root() {
    return root;
  }

  /** The 1-based line a node starts on; 0 when unknown. */
  public static int line(Node node) {
    return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  public BadInputException error(Node node, String message) {
    return BadInputException.at(file, line(node), message);
  }

  /** The entries of a mapping node in file order; an error naming {@code what} otherwise. */
  public Map<String, Node> mapping(Node node, String what) {
    if (!(node instanceof MappingNode m)) throw error(node, what + " must be a mapping");
    Map<String, Node> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) throw error(t.getKeyNode(), what + " keys must be plain words");
      if (out.put(k.getValue(), t.getValueNode()) != null) throw error(k, prefixed(what, k.getValue()) + " appears twice");
    }
    return out;
  }

  /**
   * The entries of a mapping whose keys must all be in {@code allowed}: the first other key is
   * refused at its line, naming the keys allowed. {@code what} prefixes nested keys
   * ({@code proxy} gives {@code proxy.steps}); empty or starting with "the " for the top level.
   */
  public Map<String, Node> fields(Node node, String what, List<String> allowed) {
    String unknown = unknownKeys(node, what, allowed).stream().findFirst().orElse(null);
    if (unknown != null) throw new BadInputException(unknown);
    return mapping(node, what);
  }

  /**
   * The keys of a mapping outside {@code allowed}, each as a located sentence
   * ({@code file:line: unknown key 'k'; allowed: ...}), for files that may carry foreign keys
   * (a {@code data.yaml}) and only warn about them.
   */
  public List<String> unknownKeys(Node node, String what, List<String> allowed) {
    if (!(node instanceof MappingNode m)) throw error(node, (what.isEmpty() ? "the file" : what) + " must be a mapping");
    List<String> out = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
      if (!allowed.contains(key)) {
        out.add(error(t.getKeyNode(), "unknown key '" + prefixed(what, key) + "'; allowed: " + String.join(", ", allowed)).getMessage());
      }
    }
    return out;
  }

  private static String prefixed(String what, String key) {
    return what.isEmpty() || what.startsWith("the ") ? key : what + "." + key;
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
    if (tag.equals(Tag.BOOL)) return Boolean.valueOf(v.toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
    if (tag.equals(Tag.NULL)) throw error(node, what + " has no value");
    return v;
  }

  public String string(Node node, String what) {
    Object v = value(node, what);
    if (!(v instanceof String s)) throw error(node, what + " must be text, was " + v);
    return s;
  }

  /** A scalar as text whatever its tag ({@code 22} and {@code yes} included); not a list or mapping. */
  public String text(Node node, String what) {
    if (!(node instanceof ScalarNode s)) throw error(node, what + " must be a single value");
    return s.getValue();
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

  public boolean flag(Node node, String what) {
    Object v = value(node, what);
    if (!(v instanceof Boolean b)) throw error(node, what + " must be true or false, was " + v);
    return b;
  }
}
