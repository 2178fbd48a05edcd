package org.edgenas.arch;

import java.util.List;
import java.util.function.ToIntFunction;

/** A {@link BlockType} defined by its properties and a lowering function. */
record BlockDef(
    BlockKind kind,
    List<ArgSpec> args,
    Channels channels,
    boolean multiInput,
    boolean repeatable,
    ToIntFunction<BlockContext> lowering)
    implements BlockType {
  BlockDef {
    args = List.copyOf(args);
  }

  static BlockDef single(BlockKind kind, Channels channels, boolean repeatable,
      ToIntFunction<BlockContext> lowering, ArgSpec... args) {
    return new BlockDef(kind, List.of(args), channels, false, repeatable, lowering);
  }

  static BlockDef multi(BlockKind kind, Channels channels, ToIntFunction<BlockContext> lowering,
      ArgSpec... args) {
    return new BlockDef(kind, List.of(args), channels, true, false, lowering);
  }

  @Override
  public int lower(BlockContext ctx) {
    return lowering.applyAsInt(ctx);
  }
}
