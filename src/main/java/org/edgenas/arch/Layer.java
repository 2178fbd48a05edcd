package org.edgenas.arch;

import java.util.List;

/**
 * One concrete layer of an architecture.
 *
 * @param name stable name, unique in the architecture; parameters are prefixed with it
 * @param from names of the input layers, or {@link Architecture#IMAGE} for the image
 * @param channels output channels after width scaling; 0 where the block derives them
 * @param repeats how many times the block's unit repeats (inside it for C2f-like blocks)
 * @param prune structured pruning ratio of the layer's prunable widths, 0 ≤ r < 1
 * @param bits weight bit width for deployment: 32, 16 or 8
 * @param line the line in the source file (0 when unknown); for messages, not part of identity
 */
public record Layer(
    String name, BlockKind kind, List<String> from, int channels, int repeats, BlockArgs args,
    double prune, int bits, int line) {
  public static final List<Integer> BIT_WIDTHS = List.of(32, 16, 8);

  public Layer {
    from = List.copyOf(from);
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("layer name must be an identifier, was '" + name + "'");
    }
    if (from.isEmpty()) throw new IllegalArgumentException(name + ".from must name at least one layer");
    if (channels < 0) throw new IllegalArgumentException(name + ".channels must be positive, was " + channels);
    if (repeats < 1) throw new IllegalArgumentException(name + ".repeats must be at least 1, was " + repeats);
    if (!(prune >= 0 && prune < 1)) throw new IllegalArgumentException(name + ".prune must be in [0, 1), was " + prune);
    if (!BIT_WIDTHS.contains(bits)) throw new IllegalArgumentException(name + ".bits must be one of " + BIT_WIDTHS + ", was " + bits);
  }

  public Layer withPrune(double ratio) {
    return new Layer(name, kind, from, channels, repeats, args, ratio, bits, line);
  }

  public Layer withBits(int width) {
    return new Layer(name, kind, from, channels, repeats, args, prune, width, line);
  }

  public Layer withFrom(List<String> inputs) {
    return new Layer(name, kind, inputs, channels, repeats, args, prune, bits, line);
  }
}
