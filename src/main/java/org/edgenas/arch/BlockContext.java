package org.edgenas.arch;

import java.util.List;

/** What a block sees while lowering: the builder, its layer, its input tensors, nc and imgsz. */
public record BlockContext(
    NetworkBuilder b, Layer layer, BlockType type, List<Integer> inputs, int nc, int imgsz) {
  public int x() {
    return inputs.get(0);
  }

  public int cin() {
    return b.channels(x());
  }

  public int c2() {
    return layer.channels();
  }

  public int n() {
    return layer.repeats();
  }

  public int intArg(String name) {
    return layer.args().intArg(type, name);
  }

  public double doubleArg(String name) {
    return layer.args().doubleArg(type, name);
  }

  public boolean boolArg(String name) {
    return layer.args().boolArg(type, name);
  }

  public String wordArg(String name) {
    return layer.args().wordArg(type, name);
  }

  public List<Integer> intListArg(String name) {
    return layer.args().intListArg(type, name);
  }

  /** The activation named by the block's {@code act} argument. */
  public Act act() {
    return switch (wordArg("act")) {
      case "relu" -> Act.RELU;
      case "none" -> Act.NONE;
      default -> Act.SILU;
    };
  }

  /** Suffix for the i-th repeated unit: empty when the block has one unit. */
  public String unit(int i) {
    return n() == 1 ? "" : "m." + i;
  }
}
