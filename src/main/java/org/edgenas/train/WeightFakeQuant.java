package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashSet;
import java.util.Set;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;

/**
 * Int8 weight fake-quantization for a quantization-aware fine-tune: the forward pass sees each
 * convolution weight rounded to the exporter's grid (per output channel, symmetric, scale max|w|/127,
 * halves rounded up as the exporter's {@code Math.round}, values clipped to ±127), the backward pass passes the gradient straight through to the float
 * weight. Per-channel symmetric rounding commutes with BatchNorm folding (a per-channel scale), so
 * rounding the unfolded weight gives exactly the folded int8 weight that the QDQ export writes.
 */
public final class WeightFakeQuant {
  private WeightFakeQuant() {}

  /** {@code w} rounded to its per-output-channel int8 grid in value, the identity in gradient. */
  public static NDArray int8PerChannel(NDArray w) {
    long[] perChannel = new long[w.getShape().dimension()];
    java.util.Arrays.fill(perChannel, 1);
    perChannel[0] = w.getShape().get(0);
    NDArray scale = w.abs().reshape(perChannel[0], -1).max(new int[] {1}, true).reshape(perChannel).div(127f);
    NDArray safe = scale.add(scale.eq(0f).toType(scale.getDataType(), false)); // an all-zero channel: scale 1
    NDArray q = w.div(safe).add(0.5f).floor().clip(-127, 127).mul(safe); // Java's Math.round, as the exporter
    return w.add(q.sub(w).stopGradient());
  }

  /**
   * The plain convolutions of {@code net}'s 8-bit layers. RepConv branches are left out: their
   * int8 weight is the sum of the folded branches, which no single branch's rounding reproduces.
   */
  public static Set<String> int8Convs(Network net) {
    Set<String> names = new LinkedHashSet<>();
    for (Op op : net.ops()) {
      if (op instanceof Op.Conv c && net.architecture().layers().get(c.layer()).bits() == 8) names.add(c.name());
    }
    return names;
  }
}
