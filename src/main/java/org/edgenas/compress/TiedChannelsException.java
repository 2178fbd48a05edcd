package org.edgenas.compress;

/**
 * A pruned network whose channel count at one tensor its parent's tied channel groups cannot give
 * (for example a width that is no multiple of a group that appears several times); names the
 * layer that produces the tensor, so that a caller that chose the parent can choose another.
 */
public final class TiedChannelsException extends IllegalArgumentException {
  private final int layer;

  TiedChannelsException(String message, int layer) {
    super(message);
    this.layer = layer;
  }

  /** The index, in the architecture's layers, of the layer whose output cannot be paired; -1 for the input. */
  public int layer() {
    return layer;
  }
}
