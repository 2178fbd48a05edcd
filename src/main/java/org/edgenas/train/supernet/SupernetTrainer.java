package org.edgenas.train.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import org.edgenas.arch.ParamSpec;
import org.edgenas.compress.Importance;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SharedAdamW;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.BatchSource;
import org.edgenas.train.DetectionLoss;
import org.edgenas.train.DjlNetwork;
import org.edgenas.train.InPlaceDistillationLoss;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.TrainingBatch;
import org.edgenas.train.TrainingProgress;
import org.edgenas.train.TorchArrays;

/**
 * Trains a supernet with the sandwich rule (the default, {@code sampling: sandwich}): every step draws one batch and, on it, the largest
 * path, the smallest path and {@code randomPaths} random paths (block kinds random on all of
 * them); each path's weights are sliced out of the shared tensors, run forward and backward in DJL,
 * and its gradient is added back into the shared tensors (its BatchNorm running statistics are
 * written back); then one AdamW step ({@link SharedAdamW}) with the profile's schedule updates the
 * shared tensors. The step's batch and paths come from a random generator seeded by (profile seed,
 * step), so a run resumed from a checkpoint draws what the uninterrupted run drew and ends with the
 * same weights. The supernet file is written atomically every {@code checkpointEvery} steps and at the end.
 *
 * <p>With {@code distill} on (BigNAS in-place distillation) the largest path, trained first on the
 * labels alone, leaves its raw Detect maps of that forward pass (detached); every other path of the
 * step adds {@code distillWeight} × {@link InPlaceDistillationLoss} against them to its label loss.
 * The file's header records the setting, and a file trained under another one is refused.
 *
 * <p>With {@code sampling: fair} (FairNAS strict fairness) every step trains, on its one batch, the
 * K paths of {@link SupernetSpace#fairPicks} instead (K the most options of any block-kind choice:
 * every kind of every layer once per step; other choices by the same permutation rule), with no
 * largest or smallest path, and {@code randomPaths} is ignored; their gradients are summed into one
 * AdamW step as above. The paths come from the same (profile seed, step) generator, so resume stays
 * exact. The header records the sampling ({@link SupernetHeader#checkSampling}; files without it are
 * sandwich), and a file trained under the other sampling is refused. {@code distill} needs the
 * largest path as teacher and is refused with {@code fair} ({@link SupernetSettings}).
 */
public final class SupernetTrainer {
  private final ProxySettings profile;
  private final SupernetSettings settings;
  private final PathSlices.Initial initial;
  private double distillSum;
  private long distilledPaths;

  /**
   * @param profile the training schedule (the supernet profile's {@code proxy:} section)
   * @param settings the path sampling, checkpoint interval and slicing rule
   */
  public SupernetTrainer(ProxySettings profile, SupernetSettings settings) {
    this(profile, settings, PathSlices.Initial.FRESH);
  }

  /** @param initial where the values of shared tensors a sampled path creates or grows come from (a checkpoint's) */
  public SupernetTrainer(ProxySettings profile, SupernetSettings settings, PathSlices.Initial initial) {
    this.profile = profile;
    this.settings = settings;
    this.initial = initial;
  }

  /** The slicing rule {@code settings} names, as the pruner's importance order. */
  public static Importance slicing(SupernetSettings settings) {
    return Importance.valueOf(settings.importance().toUpperCase(java.util.Locale.ROOT));
  }

  /** Student paths trained with in-place distillation in the last {@link #train} call. */
  public long distilledPaths() {
    return distilledPaths;
  }

  /** Their mean distillation loss per image (gained, before {@code distill_weight}); NaN without any. */
  public double meanDistillLoss() {
    return distilledPaths == 0 ? Double.NaN : distillSum / distilledPaths;
  }

  /**
   * Trains {@code shared} (fresh, or loaded from {@code file} to resume) from {@code header.step()}
   * to {@code header.steps()}, writing {@code file}; {@code stopAfter} is asked after every step
   * (true: write a checkpoint and return early, as a stop at a step boundary). {@code header} must
   * record the settings' in-place distillation ({@link SupernetHeader#checkDistill}) and path sampling
   * ({@link SupernetHeader#checkSampling}).
   *
   * @return the header of the last file written
   */
  public SupernetHeader train(SupernetSpace space, SupernetHeader header, SharedWeights shared, Path file, BatchSource source,
      ProgressListener listener, IntPredicate stopAfter) {
    header.checkDistill(file.toString(), settings.distillation());
    header.checkSampling(file.toString(), settings.samplingRecord());
    if (source.imgsz() != header.imgsz()) throw new IllegalArgumentException("batches are " + source.imgsz() + " px, the supernet " + header.imgsz());
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(profile.threads());
    JniUtils.setGradMode(false);
    long start = System.nanoTime();
    double before = header.seconds();
    long updates = header.updates();
    int steps = header.steps();
    int first = header.step();
    SupernetHeader last = header;
    source.skip(first, profile.batch());
    distillSum = 0;
    distilledPaths = 0;
    try (NDManager manager = NDManager.newBaseManager()) {
      for (int step = first; step < steps; step++) {
        engine.setRandomSeed((int) (profile.seed() * 31 + step));
        SplittableRandom random = new SplittableRandom(profile.seed() * 0x9E3779B97F4A7C15L + step);
        TrainingBatch batch = source.next(profile.batch(), random);
        List<int[]> paths = new ArrayList<>();
        if (settings.fair()) {
          paths.addAll(space.fairPicks(random));
        } else {
          paths.add(space.largestPicks(random));
          paths.add(space.smallestPicks(random));
          for (int i = 0; i < settings.randomPaths(); i++) paths.add(space.space().samplePicks(random));
        }
        float loss = 0, box = 0, cls = 0, dfl = 0;
        Maps teacher = null;
        for (int i = 0; i < paths.size(); i++) {
          PathLoss path = trainPath(space, paths.get(i), header.imgsz(), shared, batch, manager, settings.distill() && i == 0, teacher);
          if (i == 0) teacher = path.raw();
          if (path.distill() != null) {
            distillSum += path.distill().sum();
            distilledPaths++;
          }
          DetectionLoss.Parts parts = path.parts();
          loss += parts.sum();
          box += parts.box();
          cls += parts.cls();
          dfl += parts.dfl();
        }
        if (update(shared, updates, step, steps)) updates++;
        double seconds = before + (System.nanoTime() - start) / 1e9;
        boolean stop = stopAfter.test(step + 1);
        if ((step + 1) % settings.checkpointEvery() == 0 || step + 1 == steps || stop) {
          last = header.at(step + 1, updates, seconds);
          SupernetFile.write(file, last, shared);
        }
        long nanos = System.nanoTime() - start;
        int done = step + 1 - first;
        listener.onStep(new TrainingProgress(step + 1, steps, loss / paths.size(), box / paths.size(), cls / paths.size(),
            dfl / paths.size(), done * (double) batch.size() * paths.size() / (nanos / 1e9), Duration.ofNanos(nanos),
            Duration.ofNanos((long) (nanos / (double) done * (steps - step - 1)))));
        if (stop) break;
      }
    }
    return last;
  }

  /** A path's raw Detect maps on a batch, detached, as host copies (they outlive the path's network). */
  private record Maps(List<float[]> values, List<Shape> shapes) {
    static Maps of(NDList raw) {
      List<float[]> values = new ArrayList<>();
      List<Shape> shapes = new ArrayList<>();
      for (NDArray a : raw) {
        values.add(a.stopGradient().toFloatArray());
        shapes.add(a.getShape());
      }
      return new Maps(values, shapes);
    }

    NDList on(NDManager m) {
      NDList out = new NDList();
      for (int i = 0; i < values.size(); i++) out.add(TorchArrays.copyOf(m, values.get(i), shapes.get(i)));
      return out;
    }
  }

  /**
   * One path's training on a batch: its label loss, its distillation loss (null without a teacher)
   * and its raw maps (null unless kept).
   */
  private record PathLoss(DetectionLoss.Parts parts, InPlaceDistillationLoss.Parts distill, Maps raw) {}

  /**
   * Forward and backward of one path on the batch (label loss, plus the distillation loss against
   * {@code teacher} when given); its gradient and BatchNorm statistics go back to the shared tensors.
   * {@code keepRaw}: also return its raw maps of that forward pass.
   */
  private PathLoss trainPath(SupernetSpace space, int[] picks, int imgsz, SharedWeights shared, TrainingBatch batch,
      NDManager manager, boolean keepRaw, Maps teacher) {
    PathSlices slices = PathSlices.of(space, space.path(picks), imgsz, shared, slicing(settings), profile.seed(), initial);
    try (DjlNetwork net = DjlNetwork.create(manager, slices.network(), shared.extract(slices));
        NDScope scope = new NDScope(); NDManager m = net.manager().newSubManager()) {
      scope.suppressNotUsedWarning();
      DetectionLoss loss = new DetectionLoss(net.geometry());
      NDArray bins = net.array(net.geometry().detect().name() + ".dfl.weight");
      NDArray images = batch.imagesOn(m);
      DetectionLoss.Parts parts;
      InPlaceDistillationLoss.Parts distill = null;
      Maps kept = null;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDList raw = net.forwardRaw(images);
        parts = loss.compute(raw, bins, batch.boxes());
        NDArray total = parts.total();
        if (teacher != null) {
          distill = InPlaceDistillationLoss.compute(raw, teacher.on(m), net.geometry());
          total = total.add(distill.total().mul(TorchArrays.scalar(total, settings.distillWeight())));
        }
        if (keepRaw) kept = Maps.of(raw);
        collector.backward(total);
      }
      JniUtils.setGradMode(false);
      for (ParamSpec spec : net.specs()) {
        if (spec.role().trainable()) {
          shared.addGradient(slices, spec.name(), net.array(spec.name()).getGradient().toFloatArray());
        } else if (spec.role() == ParamSpec.Role.BN_MEAN || spec.role() == ParamSpec.Role.BN_VAR) {
          shared.write(slices, spec.name(), net.array(spec.name()).toFloatArray());
        }
      }
      return new PathLoss(parts, distill, kept);
    }
  }

  /** The proxy trainer's schedule (warm-up, then cosine or linear decay) applied to the shared AdamW. */
  private boolean update(SharedWeights shared, long updates, int step, int steps) {
    double lr = profile.lr0() * profile.decay(step, steps);
    double biasLr = lr;
    if (step < profile.warmupSteps()) {
      double f = (double) step / profile.warmupSteps();
      biasLr = profile.warmupBiasLr() + (lr - profile.warmupBiasLr()) * f;
      lr *= f;
    }
    return SharedAdamW.step(shared, updates, lr, biasLr, profile.momentum(), profile.weightDecay() * profile.batch() / 64.0);
  }
}
