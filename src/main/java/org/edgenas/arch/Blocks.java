package org.edgenas.arch;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/** The typed registry of block kinds: an EnumMap from kind to its {@link BlockType}, no reflection. */
public final class Blocks {
  private static final Map<BlockKind, BlockType> REGISTRY = new EnumMap<>(BlockKind.class);

  static {
    Stream.of(YoloBlocks.all(), HeadBlocks.all(), LightBlocks.all())
        .flatMap(java.util.List::stream)
        .forEach(t -> {
          if (REGISTRY.put(t.kind(), t) != null) throw new IllegalStateException("duplicate " + t.kind());
        });
    for (BlockKind k : BlockKind.values()) {
      if (!REGISTRY.containsKey(k)) throw new IllegalStateException("no block type for " + k);
    }
  }

  private Blocks() {}

  public static BlockType of(BlockKind kind) {
    return REGISTRY.get(kind);
  }
}
