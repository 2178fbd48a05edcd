package org.edgenas.arch;

import java.util.List;

/**
 * What a block kind is: its arguments, how its output channels are set, how many inputs it
 * takes, and how it lowers to primitive ops (which also infers shapes).
 */
public interface BlockType {
  /** How a block's output channels are decided. */
  enum Channels {
    /** given by the layer ({@code channels:}), scaled by the width multiplier */
    REQUIRED,
    /** equal to the input's */
    SAME_AS_INPUT,
    /** computed from the inputs (Concat: the sum; Detect: 4+nc) */
    DERIVED
  }

  BlockKind kind();

  List<ArgSpec> args();

  Channels channels();

  /** Whether the block takes several inputs (Concat, Detect, ASFF) rather than one. */
  boolean multiInput();

  /** Whether {@code repeats} above 1 is meaningful. */
  boolean repeatable();

  /** Lowers the layer and returns its output tensor. Throws IllegalArgumentException on misfit. */
  int lower(BlockContext ctx);
}
