package org.edgenas.cost;

import java.util.List;
import org.edgenas.arch.Shape;

/**
 * The cost of one architecture layer.
 *
 * @param weightBytes bytes of the deployed (fused) weights at the layer's bit width
 */
public record LayerCost(
    int index, String name, List<String> from, int repeats, String block, OpCost cost, Shape output,
    int bits, long weightBytes) {
  public double gflops() {
    return cost.macs() * 2 / 1e9;
  }

  public double gflopsFused() {
    return cost.macsFused() * 2 / 1e9;
  }
}
