package org.edgenas.compress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.arch.Weights;

/**
 * The result of pruning: the kept slices of every parameter, named and shaped as the pruned
 * network's {@link org.edgenas.arch.ParamSpec}s, and for every Conv/RepConv (by its op name) the
 * parent's output channel indices it kept, ascending.
 */
public record PrunedWeights(Weights weights, Map<String, int[]> keptChannels) {
  public PrunedWeights {
    if (weights == null) throw new IllegalArgumentException("weights must not be null");
    keptChannels = Collections.unmodifiableMap(new LinkedHashMap<>(keptChannels));
  }

  /** The parent's output channels the named convolution kept. */
  public int[] kept(String opName) {
    int[] k = keptChannels.get(opName);
    if (k == null) throw new IllegalArgumentException("no convolution named " + opName + " in the pruned network");
    return k.clone();
  }
}
