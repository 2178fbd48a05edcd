package org.edgenas.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;

/**
 * BatchNorm running statistics re-estimated for fixed weights ("adaptive BatchNorm"): one
 * training-mode forward per batch, no parameter changes, the k-th batch (from 0) at momentum
 * 1/(k+1), so that the statistics end as the plain average over the batches. The one owner of
 * recalibration, used wherever the weights no longer fit their statistics: a path inherited from a
 * supernet (its shared statistics were averaged over other widths), a pruned network (a layer whose
 * input lost channels sees other activations; Li et al., EagleEye, 2020), the end of a short proxy
 * training (the statistics lag behind weights still moving fast).
 */
public final class BatchNormRecalibration {
  private BatchNormRecalibration() {}

  /** {@code count} batches of {@code batch} images drawn from {@code source} with a generator seeded by {@code seed}. */
  public static List<TrainingBatch> draw(BatchSource source, int count, int batch, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<TrainingBatch> drawn = new ArrayList<>();
    for (int k = 0; k < count; k++) drawn.add(source.next(batch, random));
    return List.copyOf(drawn);
  }

  /** Re-estimates the statistics of a live network in place on {@code batches}. */
  public static void recalibrate(DjlNetwork net, List<TrainingBatch> batches) {
    for (int k = 0; k < batches.size(); k++) forward(net, batches.get(k), k);
  }

  /**
   * Re-estimates the statistics of a live network in place on {@code count} batches drawn one at a
   * time from {@code source} with {@code random} (which goes on from where it stands: a training's generator).
   */
  static void recalibrate(DjlNetwork net, BatchSource source, int count, int batch, SplittableRandom random) {
    for (int k = 0; k < count; k++) forward(net, source.next(batch, random), k);
  }

  /** {@code weights} of {@code network} with their BatchNorm statistics re-estimated on {@code batches} ({@code threads} torch threads). */
  public static Weights recalibrate(Network network, Weights weights, List<TrainingBatch> batches, int threads) {
    Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    JniUtils.setGradMode(false);
    try (NDManager manager = NDManager.newBaseManager(); DjlNetwork net = DjlNetwork.create(manager, network, weights)) {
      recalibrate(net, batches);
      return net.readWeights();
    }
  }

  private static void forward(DjlNetwork net, TrainingBatch batch, int k) {
    try (NDScope scope = new NDScope(); NDManager m = net.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      net.recalibrateBatchNorm(batch.imagesOn(m), 1f / (k + 1));
    }
  }
}
