package org.edgenas.latency;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.edgenas.common.BadInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a {@link MeasurementProtocol} from the {@code latency:} block of an evaluator profile
 * (see {@code evaluators/latency-default.yaml}). Keys left out take the value of {@link
 * MeasurementProtocol#DEFAULT}; an unknown or repeated key, a value that is not a number, or one out
 * of range is a {@link BadInputException} naming the file, the line and the field.
 */
public final class MeasurementProtocols {
  /** The key of the protocol block in an evaluator profile. */
  public static final String BLOCK_KEY = "latency";

  private MeasurementProtocols() {}

  /** Loads the {@code latency:} block of the given profile file. */
  public static MeasurementProtocol load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": no such evaluator profile");
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    return parse(text, file.toString());
  }

  /** Parses the {@code latency:} block of a profile's text; {@code source} names it in messages. */
  public static MeasurementProtocol parse(String yaml, String source) {
    Node root = compose(new StringReader(yaml), source);
    if (!(root instanceof MappingNode mapping)) {
      throw BadInputException.at(source, line(root),
          "an evaluator profile must be a mapping with a '" + BLOCK_KEY + ":' block");
    }
    for (NodeTuple entry : mapping.getValue()) {
      if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals(BLOCK_KEY)) {
        return fromBlock(entry.getValueNode(), source);
      }
    }
    throw BadInputException.at(source, line(root), "missing the '" + BLOCK_KEY + ":' block");
  }

  /** Reads a protocol from a YAML mapping node (the value of a {@code latency:} key). */
  public static MeasurementProtocol fromBlock(Node block, String source) {
    if (!(block instanceof MappingNode mapping)) {
      throw BadInputException.at(source, line(block),
          BLOCK_KEY + " must be a mapping of " + keys() + ", was " + block.getNodeId());
    }
    MeasurementProtocol protocol = MeasurementProtocol.DEFAULT;
    Set<MeasurementProtocol.Field> seen = EnumSet.noneOf(MeasurementProtocol.Field.class);
    for (NodeTuple entry : mapping.getValue()) {
      String key = entry.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
      MeasurementProtocol.Field field = MeasurementProtocol.Field.byKey(key);
      if (field == null) {
        throw BadInputException.at(source, line(entry.getKeyNode()),
            BLOCK_KEY + "." + key + " is not a protocol field; expected one of " + keys());
      }
      if (!seen.add(field)) {
        throw BadInputException.at(source, line(entry.getKeyNode()), BLOCK_KEY + "." + key + " is given twice");
      }
      protocol = protocol.with(field, number(entry.getValueNode(), field, source));
    }
    return protocol;
  }

  private static double number(Node node, MeasurementProtocol.Field field, String source) {
    String where = BLOCK_KEY + "." + field.key();
    if (!(node instanceof ScalarNode scalar)) {
      throw BadInputException.at(source, line(node), where + " must be " + field.expected() + ", was a " + node.getNodeId());
    }
    double value;
    try {
      value = Double.parseDouble(scalar.getValue().trim());
    } catch (NumberFormatException e) {
      throw BadInputException.at(source, line(node),
          where + " must be " + field.expected() + ", was '" + scalar.getValue() + "'");
    }
    String problem = field.problem(value);
    if (problem != null) throw BadInputException.at(source, line(node), BLOCK_KEY + "." + problem);
    return value;
  }

  private static Node compose(Reader reader, String source) {
    try {
      Node node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
      if (node == null) throw new BadInputException(source + ": empty file; expected a '" + BLOCK_KEY + ":' block");
      return node;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw BadInputException.at(source, line, "not valid YAML (" + e.getProblem() + ")");
    }
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  private static String keys() {
    StringBuilder b = new StringBuilder();
    for (MeasurementProtocol.Field f : MeasurementProtocol.Field.values()) {
      b.append(b.isEmpty() ? "" : ", ").append(f.key());
    }
    return b.toString();
  }
}
