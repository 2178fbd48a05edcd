package org.edgenas.train;

import org.edgenas.profile.ProxySettings;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Network;
import org.edgenas.arch.ParamSpec;
import org.edgenas.arch.Weights;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short proxy training of one candidate under an {@link ProxySettings}: SGD with Nesterov
 * momentum or AdamW, linear warm-up then cosine or linear decay, the {@link DetectionLoss} (plus an optional
 * {@link Distillation} term, included in the recorded losses), seeded. A step with a non-finite loss
 * or gradient is skipped; {@link #MAX_CONSECUTIVE_SKIPS} in a row end the training as diverged. The
 * profile may keep an exponential moving average of the weights ({@link WeightAverage}), which then
 * replaces the last step's weights, and may re-estimate the BatchNorm running statistics after the last step. All
 * native memory lives in one sub-manager per candidate and one scope per step.
 */
public final class ProxyTrainer {
  /**
   * A step whose loss or gradients are not finite is skipped (no update); more than this many in a
   * row, or more than a tenth of the steps, and the training has diverged.
   */
  static final int MAX_CONSECUTIVE_SKIPS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ProxyTrainer.class);
  private final ProxySettings profile;
  private final NDManager parent;
  private final Set<String> fakeQuantized;
  private final boolean matchBatchNorm;

  /** @param parent the manager under which each candidate gets its own sub-manager */
  public ProxyTrainer(ProxySettings profile, NDManager parent) {
    this(profile, parent, Set.of(), false);
  }

  private ProxyTrainer(ProxySettings profile, NDManager parent, Set<String> fakeQuantized, boolean matchBatchNorm) {
    this.profile = profile;
    this.parent = parent;
    this.fakeQuantized = Set.copyOf(fakeQuantized);
    this.matchBatchNorm = matchBatchNorm;
  }

  /**
   * Trains {@code network} from {@code initial} under {@code profile} in a native memory scope of
   * its own (with these convolutions' weights fake-quantized to int8, and a distillation term when
   * {@code distill} is not null): the entry point for code outside this package, which never sees DJL.
   */
  public static TrainingResult trainScoped(ProxySettings profile, Set<String> fakeQuantized, Network network, Weights initial,
      BatchSource source, ProgressListener listener, Distillation distill) {
    return trainScoped(profile, fakeQuantized, false, network, initial, source, listener, distill);
  }

  /**
   * As above; {@code fromCheckpoint} first matches every BatchNorm to the first batch ({@link
   * #withBatchNormMatchedToFirstBatch()}), for weights imported from a checkpoint.
   */
  public static TrainingResult trainScoped(ProxySettings profile, Set<String> fakeQuantized, boolean fromCheckpoint,
      Network network, Weights initial, BatchSource source, ProgressListener listener, Distillation distill) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return new ProxyTrainer(profile, manager, fakeQuantized, fromCheckpoint).train(network, initial, source, listener, distill);
    }
  }

  /** This trainer, training with these convolutions' weights fake-quantized to int8 ({@link WeightFakeQuant}). */
  public ProxyTrainer withWeightFakeQuant(Set<String> convs) {
    return new ProxyTrainer(profile, parent, convs, matchBatchNorm);
  }

  /**
   * This trainer, first matching every BatchNorm's statistics to the first batch without changing
   * the inference-mode function ({@link BatchNormMatch}): for weights imported from a checkpoint
   * with folded BatchNorm, so that step 0's loss is the checkpoint's loss on that batch.
   */
  public ProxyTrainer withBatchNormMatchedToFirstBatch() {
    return new ProxyTrainer(profile, parent, fakeQuantized, true);
  }

  /** Trains from {@code initial} weights on batches from {@code source}; returns the trained weights. */
  public TrainingResult train(Network network, Weights initial, BatchSource source, ProgressListener listener) {
    return train(network, initial, source, listener, null);
  }

  /**
   * As {@link #train(Network, Weights, BatchSource, ProgressListener)}, adding a distillation
   * term from {@code distill}'s teacher (run in inference mode, without gradient, on every batch);
   * {@code distill} null trains without.
   */
  public TrainingResult train(Network network, Weights initial, BatchSource source, ProgressListener listener,
      Distillation distill) {
    if (source.imgsz() != network.imgsz()) {
      throw new IllegalArgumentException("batches are " + source.imgsz() + " px but the network is lowered at " + network.imgsz());
    }
    Engine engine = Engine.getEngine("PyTorch"); // loads the native library before the thread setting
    JniUtils.setNumThreads(profile.threads());
    // PyTorch's grad mode is per thread and on by default on a thread DJL did not start on; the
    // in-place parameter update needs it off outside the gradient collector ("a leaf Variable that
    // requires grad is being used in an in-place operation" otherwise).
    JniUtils.setGradMode(false);
    engine.setRandomSeed((int) profile.seed());
    SplittableRandom random = new SplittableRandom(profile.seed());
    int steps = profile.totalSteps(source.images());
    float[] losses = new float[steps];
    long start = System.nanoTime();
    if (distill != null) distill.checkCompatible(network);
    try (DjlNetwork net = DjlNetwork.create(parent, network, initial);
        DjlNetwork teacher = distill == null ? null : DjlNetwork.create(parent, distill.teacher(), distill.teacherWeights());
        WeightAverage average = profile.ema().enabled() ? new WeightAverage(net, profile.ema()) : null) {
      net.fakeQuantizeWeights(fakeQuantized);
      DetectionLoss loss = new DetectionLoss(net.geometry());
      ParameterUpdate optimizer = profile.optimizer() == ProxySettings.Optimizer.ADAMW ? new AdamW(net) : new NesterovSgd(net);
      NDArray bins = net.array(net.geometry().detect().name() + ".dfl.weight");
      int skipped = 0, consecutiveSkips = 0;
      for (int step = 0; step < steps; step++) {
        TrainingBatch batch = source.next(profile.batch(), random);
        DetectionLoss.Parts parts;
        boolean applied;
        float distilled = 0;
        try (NDScope scope = new NDScope(); NDManager m = net.manager().newSubManager()) {
          scope.suppressNotUsedWarning();
          NDArray images = batch.imagesOn(m);
          if (step == 0 && matchBatchNorm) BatchNormMatch.toBatch(net, images);
          JniUtils.setGradMode(false); // the teacher runs without a graph
          NDList taught = teacher == null ? null : teacher.inferRaw(images);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList raw = net.forwardRaw(images);
            parts = loss.compute(raw, bins, batch.boxes());
            NDArray total = parts.total();
            if (taught != null) {
              NDArray term = DistillationLoss.compute(raw, taught, net.geometry().regMax(), distill.temperature()).total()
                  .mul(TorchArrays.scalar(raw.head(), distill.weight()));
              distilled = term.getFloat();
              total = total.add(term.mul(TorchArrays.scalar(term, batch.size())));
            }
            collector.backward(total);
          }
          JniUtils.setGradMode(false); // nor is the in-place update recorded, whatever thread trained before
          applied = update(optimizer, step, steps);
          if (applied && average != null) average.update();
        }
        losses[step] = parts.sum() + distilled;
        if (applied && Float.isFinite(losses[step])) {
          consecutiveSkips = 0;
        } else {
          skipped++;
          String stats = nonFiniteRunningStatistics(net);
          if (stats != null) {
            throw new IllegalStateException("training diverged at step " + (step + 1) + ": loss " + losses[step]
                + " and batch-norm running statistics " + stats + " are no longer finite");
          }
          if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS || skipped > Math.max(MAX_CONSECUTIVE_SKIPS, steps / 10)) {
            throw new IllegalStateException("training diverged at step " + (step + 1) + ": loss " + losses[step] + ", "
                + skipped + " steps skipped for non-finite loss or gradients (" + consecutiveSkips + " in a row)");
          }
        }
        listener.onStep(progress(step + 1, steps, parts, batch.size(), System.nanoTime() - start));
      }
      if (skipped > 0) LOG.warn("{} of {} training steps skipped for a non-finite loss or gradients", skipped, steps);
      if (average != null) average.copyIntoNetwork();
      recalibrateBatchNorm(net, source, random);
      return new TrainingResult(net.readWeights(), losses, steps, profile.batch(), Duration.ofNanos(System.nanoTime() - start),
          skipped);
    }
  }

  /**
   * Re-estimates the BatchNorm running statistics for the final weights from the profile's
   * {@code bn_recalibration} training batches (their plain average): during a short run the running
   * statistics, an exponential average over the last few dozen steps, lag behind weights that are
   * still moving fast.
   */
  private void recalibrateBatchNorm(DjlNetwork net, BatchSource source, SplittableRandom random) {
    BatchNormRecalibration.recalibrate(net, source, profile.bnRecalibration(), profile.batch(), random);
  }

  /** The first batch-norm running mean or variance with a non-finite value (updated by every training forward), or null. */
  private static String nonFiniteRunningStatistics(DjlNetwork net) {
    for (ParamSpec spec : net.specs()) {
      if (spec.role() != ParamSpec.Role.BN_MEAN && spec.role() != ParamSpec.Role.BN_VAR) continue;
      NDArray a = net.array(spec.name());
      if (a.isNaN().any().getBoolean() || a.isInfinite().any().getBoolean()) return spec.name();
    }
    return null;
  }

  private boolean update(ParameterUpdate optimizer, int step, int steps) {
    double lr = profile.lr0() * profile.decay(step, steps);
    double biasLr = lr, momentum = profile.momentum();
    if (step < profile.warmupSteps()) {
      double f = (double) step / profile.warmupSteps();
      biasLr = profile.warmupBiasLr() + (lr - profile.warmupBiasLr()) * f;
      lr *= f;
      // SGD's momentum warms up from 0.8; AdamW's beta1 stays fixed (its moments are bias-corrected)
      if (profile.optimizer() == ProxySettings.Optimizer.SGD) momentum = 0.8 + (profile.momentum() - 0.8) * f;
    }
    return optimizer.step(lr, biasLr, momentum, profile.weightDecay() * profile.batch() / 64.0);
  }

  private static TrainingProgress progress(int step, int steps, DetectionLoss.Parts p, int batch, long nanos) {
    double seconds = nanos / 1e9;
    Duration left = Duration.ofNanos((long) (nanos / (double) step * (steps - step)));
    return new TrainingProgress(step, steps, p.sum(), p.box(), p.cls(), p.dfl(), step * batch / seconds,
        Duration.ofNanos(nanos), left);
  }
}
