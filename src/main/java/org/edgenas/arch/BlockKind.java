package org.edgenas.arch;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every block a space file may name, with the name users write in YAML. The behaviour of each
 * kind (arguments, shape inference, lowering to primitive operations) lives in {@link Blocks}.
 */
public enum BlockKind {
  CONV("Conv"),
  DWCONV("DWConv"),
  BOTTLENECK("Bottleneck"),
  C2F("C2f"),
  C3("C3"),
  C3K("C3k"),
  C3K2("C3k2"),
  SPPF("SPPF"),
  C2PSA("C2PSA"),
  DETECT("Detect"),
  UPSAMPLE("Upsample"),
  CONCAT("Concat"),
  ADOWN("ADown"),
  DSCONV("DSConv"),
  SHUFFLE_V2("ShuffleV2"),
  GHOST_V3("GhostV3"),
  FASTER("FasterNet"),
  CSPPC("CSPPC"),
  SE("SE"),
  ASFF("ASFF");

  private final String yamlName;

  BlockKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public static Optional<BlockKind> byYamlName(String name) {
    return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
  }

  public static String allNames() {
    return String.join(", ", Arrays.stream(values()).map(BlockKind::yamlName).toList());
  }
}
