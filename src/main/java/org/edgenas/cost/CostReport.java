package org.edgenas.cost;

import java.util.List;

/**
 * The cost model's answer for one architecture at one image size: a row per layer and totals.
 *
 * @param peakActivationBytes the most float32 activation bytes alive at once when the ops run in
 *     order, each tensor freed after its last use (batch 1)
 */
public record CostReport(
    String architecture, String hash, int imgsz, int nc, List<LayerCost> layers, OpCost total,
    long peakActivationBytes, long weightBytes) {
  public CostReport {
    layers = List.copyOf(layers);
  }

  public long params() {
    return total.params();
  }

  public long gradients() {
    return total.trainable();
  }

  public long paramsFused() {
    return total.paramsFused();
  }

  /** GFLOPs as Ultralytics prints them (unfused model, 2 FLOPs per MAC). */
  public double gflops() {
    return total.macs() * 2 / 1e9;
  }

  public double gflopsFused() {
    return total.macsFused() * 2 / 1e9;
  }
}
