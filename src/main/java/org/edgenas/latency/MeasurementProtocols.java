package org.edgenas.latency;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a {@link MeasurementProtocol} from the {@code latency:} section of an evaluator profile
 * (see {@code evaluators/latency-default.yaml}; the profile itself is read by {@code
 * org.edgenas.profile.EvaluatorProfiles}). Keys left out take the value of {@link
 * MeasurementProtocol#DEFAULT}; an unknown or repeated key, a value that is not a number, or one
 * out of range is a {@link BadInputException} naming the file, the line and the field. The keys are
 * those of {@link MeasurementProtocol.Field}: a new field there is a new key here.
 */
public final class MeasurementProtocols {
  /** The key of the protocol section in an evaluator profile. */
  public static final String BLOCK_KEY = "latency";
  /** The keys a {@code latency:} section may hold. */
  public static final List<String> KEYS = Arrays.stream(MeasurementProtocol.Field.values()).map(MeasurementProtocol.Field::key).toList();

  private MeasurementProtocols() {}

  /** Reads a protocol from the value of a {@code latency:} key of {@code doc}. */
  public static MeasurementProtocol read(YamlDoc doc, Node block) {
    Map<String, Node> fields = doc.fields(block, BLOCK_KEY, KEYS);
    MeasurementProtocol protocol = MeasurementProtocol.DEFAULT;
    for (Map.Entry<String, Node> e : fields.entrySet()) {
      MeasurementProtocol.Field field = MeasurementProtocol.Field.byKey(e.getKey());
      protocol = protocol.with(field, number(doc, e.getValue(), field));
    }
    return protocol;
  }

  private static double number(YamlDoc doc, Node node, MeasurementProtocol.Field field) {
    String where = BLOCK_KEY + "." + field.key();
    String text = doc.text(node, where);
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw doc.error(node, where + " must be " + field.expected() + ", was '" + text + "'");
    }
    String problem = field.problem(value);
    if (problem != null) throw doc.error(node, BLOCK_KEY + "." + problem);
    return value;
  }
}
