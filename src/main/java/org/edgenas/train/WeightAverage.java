package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.ParamSpec;

/**
 * The exponential moving average of a network's parameters and BatchNorm running statistics that a
 * proxy training keeps when its profile asks for one ({@link EvaluatorProfile.Ema}). The average
 * lives in its own sub-manager of the network's, is updated in place after every applied optimizer
 * step, and is copied into the network's live arrays once training ends.
 */
final class WeightAverage implements AutoCloseable {
  private final DjlNetwork net;
  private final EvaluatorProfile.Ema ema;
  private final NDManager manager;
  private final List<ParamSpec> specs;
  private final List<NDArray> averages = new ArrayList<>();
  private int updates;

  WeightAverage(DjlNetwork net, EvaluatorProfile.Ema ema) {
    if (!ema.enabled()) throw new IllegalArgumentException("no weight average asked for (ema.decay 0)");
    this.net = net;
    this.ema = ema;
    this.manager = net.manager().newSubManager();
    this.specs = List.copyOf(net.specs());
    for (ParamSpec spec : specs) {
      NDArray copy = net.array(spec.name()).duplicate();
      copy.attach(manager);
      averages.add(copy);
    }
  }

  /** Moves the average towards the network's current weights by the decay of this update. */
  void update() {
    float d = (float) ema.decayAt(++updates);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < specs.size(); i++) {
        NDArray live = net.array(specs.get(i).name());
        averages.get(i).muli(d).addi(live.mul(1 - d));
      }
    }
  }

  /** The number of updates so far. */
  int updates() {
    return updates;
  }

  /** Overwrites the network's live parameters and running statistics with the average. */
  void copyIntoNetwork() {
    for (int i = 0; i < specs.size(); i++) net.array(specs.get(i).name()).set(averages.get(i).toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
  }
}
