package org.edgenas.train.supernet;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Weights;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.BatchNormRecalibration;
import org.edgenas.train.BatchSource;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.TrainingBatch;

/**
 * A candidate's float, unpruned weights from a trained supernet: its path's slices of the shared
 * tensors, then its BatchNorm statistics re-estimated on {@code bn_batches} training batches (the
 * shared running statistics were averaged over paths of other widths and depths; the plain average
 * over these batches fits this path's weights), then, with {@code finetune_steps}, a short
 * standalone fine-tune (the supernet's schedule at a tenth of its learning rate, as the compression
 * fine-tune). Every candidate is recalibrated on the same batches, drawn once.
 */
public final class SupernetInheritance {
  /** Inherited weights, and how many shared tensors the path created or enlarged (never trained when above 0). */
  public record Inherited(Weights weights, int untrainedTensors) {}

  private final SupernetSpace space;
  private final SharedWeights shared;
  private final SupernetSettings settings;
  private final ProxySettings training;
  private final Supplier<BatchSource> sources;
  private final PathSlices.Initial initial;
  private List<TrainingBatch> bnBatches;

  /**
   * @param training the supernet's training schedule (image size, batch, threads, seed)
   * @param sources fresh training batch sources (the recalibration batches and every fine-tune start from one)
   */
  public SupernetInheritance(SupernetSpace space, SharedWeights shared, SupernetSettings settings, ProxySettings training,
      Supplier<BatchSource> sources) {
    this(space, shared, settings, training, sources, PathSlices.Initial.FRESH);
  }

  /** @param initial where the values of shared tensors a path needs and the supernet lacks come from (the supernet's checkpoint) */
  public SupernetInheritance(SupernetSpace space, SharedWeights shared, SupernetSettings settings, ProxySettings training,
      Supplier<BatchSource> sources, PathSlices.Initial initial) {
    this.space = space;
    this.shared = shared;
    this.settings = settings;
    this.training = training;
    this.sources = sources;
    this.initial = initial;
  }

  /** Inherits {@code parent} (an uncompressed architecture of the space), recalibrates and optionally fine-tunes it. */
  public Inherited inherit(Architecture parent, ProgressListener progress) {
    PathSlices slices;
    Weights weights;
    synchronized (shared) {
      slices = PathSlices.of(space, parent, training.imgsz(), shared, SupernetTrainer.slicing(settings), training.seed(), initial);
      weights = shared.extract(slices);
    }
    if (settings.bnBatches() > 0) weights = recalibrate(slices, weights);
    if (settings.finetuneSteps() > 0) {
      ProxySettings finetune = training.fineTune("-finetune", settings.finetuneSteps(), settings.finetuneLr(), 1);
      weights = ProxyTrainer.trainScoped(finetune, Set.of(), slices.network(), weights, sources.get(), progress, null).weights();
    }
    return new Inherited(weights, slices.grew());
  }

  private synchronized List<TrainingBatch> bnBatches() {
    if (bnBatches == null) bnBatches = BatchNormRecalibration.draw(sources.get(), settings.bnBatches(), training.batch(), training.seed());
    return bnBatches;
  }

  private Weights recalibrate(PathSlices slices, Weights weights) {
    return BatchNormRecalibration.recalibrate(slices.network(), weights, bnBatches(), training.threads());
  }
}
