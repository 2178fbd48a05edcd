package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.ParamSpec;

/**
 * The exponential moving average of a network's parameters and BatchNorm running statistics that a
 * proxy training keeps when its profile asks for one ({@link ProxySettings.Ema}). The average
 * lives in its own sub-manager of the network's, is updated in place after every applied optimizer
 * step, and is copied into the network's live arrays once training ends.
 */
final class WeightAverage implements AutoCloseable {
  private final ProxySettings.Ema ema;
  private final NDManager manager;
  private final List<Tracked> tracked = new ArrayList<>();
  private int updates;

  /** One live array of the network (updated in place by training) and its average. */
  private record Tracked(NDArray live, NDArray average) {}

  WeightAverage(DjlNetwork net, ProxySettings.Ema ema) {
    if (!ema.enabled()) throw new IllegalArgumentException("no weight average asked for (ema.decay 0)");
    this.ema = ema;
    this.manager = net.manager().newSubManager();
    for (ParamSpec spec : net.specs()) {
      NDArray live = net.array(spec.name());
      NDArray average = live.duplicate();
      average.attach(manager);
      tracked.add(new Tracked(live, average));
    }
  }

  /** Moves the average towards the network's current weights by the decay of this update. */
  void update() {
    float d = (float) ema.decayAt(++updates);
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (Tracked t : tracked) t.average().muli(d).addi(t.live().mul(1 - d));
    }
  }

  /** The number of updates so far. */
  int updates() {
    return updates;
  }

  /** Overwrites the network's live parameters and running statistics with the average. */
  void copyIntoNetwork() {
    for (Tracked t : tracked) t.live().set(t.average().toFloatArray());
  }

  @Override
  public void close() {
    manager.close();
  }
}
