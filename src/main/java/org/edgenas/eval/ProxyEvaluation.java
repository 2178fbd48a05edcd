package org.edgenas.eval;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.compress.ChannelPruner;
import org.edgenas.compress.Importance;
import org.edgenas.compress.ParentKey;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SpaceLoader;
import org.edgenas.train.Distillation;
import org.edgenas.train.EvaluatorProfile;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.WeightFakeQuant;

/**
 * A candidate's accuracy as the lightweighting recipes produce it: proxy-train the float,
 * unpruned parent (shared by every candidate that differs only in pruning and bit widths), prune
 * its least important channels at the candidate's ratios, fine-tune briefly (and, with
 * {@code compress.qat_steps}, once more with int8 weights fake-quantized), export to ONNX at the
 * candidate's bit widths (int8 calibrated on training images), and score the exported model in
 * ONNX Runtime on the validation split. With a {@code compress.distill} block, the parent's proxy
 * training and the fine-tune add a distillation term from a teacher trained once (and cached).
 */
public final class ProxyEvaluation {
  /**
   * What one candidate's evaluation found.
   *
   * @param floatMetrics the parent, float and unpruned
   * @param prunedMetrics after pruning and fine-tuning, float (null when nothing is pruned)
   * @param deployedMetrics the exported model at the candidate's bit widths: the reported accuracy
   * @param stepSeconds wall seconds per step (teacher, parent, float-map, prune, finetune, pruned-map, qat, quantized-map)
   */
  public record Result(CocoMetrics floatMetrics, CocoMetrics prunedMetrics, CocoMetrics deployedMetrics,
      String parentHash, boolean parentReused, Path onnx, String method, double seconds,
      java.util.Map<String, Double> stepSeconds) {}

  private final YoloDataset dataset;
  private final EvaluatorProfile profile;
  private final String profileHash;
  private final String datasetFingerprint;
  private final CompressSettings compress;
  private final ParentStore parents;
  private final CandidateModels models;
  private final ProgressListener progress;
  private final ImageCache cache = new ImageCache();
  private Distillation teacher;

  public ProxyEvaluation(YoloDataset dataset, EvaluatorProfile profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, ParentStore parents, CandidateModels models, ProgressListener progress) {
    this.dataset = dataset;
    this.profile = profile;
    this.profileHash = profileHash;
    this.datasetFingerprint = datasetFingerprint;
    this.compress = compress;
    this.parents = parents;
    this.models = models;
    this.progress = progress;
  }

  public Result evaluate(Architecture arch, long seed) {
    long t0 = System.nanoTime();
    java.util.Map<String, Double> steps = new java.util.LinkedHashMap<>();
    Timer timer = new Timer(steps);
    int imgsz = profile.imgsz();
    Distillation distill = compress.distill() == null ? null : timer.time("teacher", this::teacher);
    Architecture parentArch = arch.uncompressed();
    Network parentNet = parentArch.lower(imgsz);
    // a distilled parent is another parent than the plain one (and than the teacher, were they the same architecture)
    String trainingHash = distill == null ? profileHash
        : profileHash + ";distill=" + distill.label() + "," + distill.weight() + "," + distill.temperature();
    ParentKey key = ParentKey.of(arch, trainingHash, imgsz, datasetFingerprint);
    int trainedBefore = parents.trainedCount();
    Weights parent = timer.time("parent", () -> parents.computeIfAbsent(key, parentNet,
        () -> train(parentNet, profile.initialWeights(parentNet, seedOf(key)), profile, distill)));
    boolean reused = parents.trainedCount() == trainedBefore;
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    List<String> names = dataset.names();
    Scored floatScore = timer.time("float-map", () -> score(validator, parentNet, parent, ExportOptions.defaults().withBits(32), arch.parentHash() + "-float"));
    boolean pruned = arch.layers().stream().anyMatch(l -> l.prune() > 0);
    boolean quantized = arch.layers().stream().anyMatch(l -> l.bits() != 32);
    Network net = arch.lower(imgsz);
    Weights weights = parent;
    Scored prunedScore = null;
    if (pruned) {
      Weights kept = timer.time("prune", () -> ChannelPruner.prune(parentNet, parent, net, Importance.L1_BN_SCALED).weights());
      weights = compress.finetuneSteps() == 0 ? kept
          : timer.time("finetune", () -> train(net, kept, compress.finetuneProfile(profile), distill));
      Weights w = weights;
      prunedScore = timer.time("pruned-map", () -> score(validator, net, w, ExportOptions.defaults().withBits(32), arch.hash() + "-pruned"));
    }
    Set<String> fakeQuantized = quantized && compress.qatSteps() > 0 ? WeightFakeQuant.int8Convs(net) : Set.of();
    if (!fakeQuantized.isEmpty()) {
      Weights before = weights;
      weights = timer.time("qat", () -> train(net, before, compress.qatProfile(profile), distill, fakeQuantized));
    }
    Weights fin = weights;
    Scored deployed = quantized ? timer.time("quantized-map", () -> score(validator, net, fin, calibrated(), arch.hash() + "-quantized"))
        : pruned ? prunedScore : floatScore;
    Path onnx = models.write(arch.hash() + "-deployed.onnx", deployed.onnx());
    String method = String.format(java.util.Locale.ROOT,
        "proxy-trained parent %s (%s, %s %d steps × batch %d at %d px%s)%s%s%s%s; COCO mAP of the exported ONNX in ONNX Runtime"
            + " on %d val images",
        arch.parentHash(), profile.name(), profile.optimizer().key(), profile.steps(), profile.batch(), imgsz, reused ? ", shared" : "",
        distill == null ? "" : compress.distill().describe(distill.label()),
        pruned ? ", pruned by BN-scaled L1 and fine-tuned " + compress.finetuneSteps() + " steps" : "",
        quantized ? ", per-layer bits with int8 calibrated on " + compress.calibrationImages() + " train images" : "",
        fakeQuantized.isEmpty() ? "" : " after a " + compress.qatSteps() + "-step quantization-aware fine-tune (int8 weight"
            + " fake-quant of " + fakeQuantized.size() + " convolutions, straight-through; activations post-training)",
        dataset.val().size());
    return new Result(floatScore.metrics(), prunedScore == null ? null : prunedScore.metrics(), deployed.metrics(),
        arch.parentHash(), reused, onnx, method, (System.nanoTime() - t0) / 1e9, steps);
  }

  /**
   * The teacher of a distillation: its architecture at the dataset's classes, proxy-trained once
   * with this profile (no distillation) and cached in the parent store under its own parent hash.
   */
  private synchronized Distillation teacher() {
    if (teacher != null) return teacher;
    DistillSettings d = compress.distill();
    Architecture arch = SpaceLoader.load(d.teacherFile(), dataset.names().size()).freeze(SpaceLoader.load(d.teacherFile()).defaultPicks());
    Network net = arch.lower(profile.imgsz());
    ParentKey key = ParentKey.of(arch, profileHash, profile.imgsz(), datasetFingerprint);
    Weights w = parents.computeIfAbsent(key, net, () -> train(net, profile.initialWeights(net, seedOf(key)), profile, null));
    teacher = new Distillation(net, w, d.weight(), d.temperature(), arch.parentHash());
    return teacher;
  }

  private Weights train(Network net, Weights initial, EvaluatorProfile p, Distillation distill) {
    return train(net, initial, p, distill, Set.of());
  }

  private Weights train(Network net, Weights initial, EvaluatorProfile p, Distillation distill, Set<String> fakeQuantized) {
    return LocalMachine.train(() -> {
      try (NDManager manager = NDManager.newBaseManager()) {
        return new ProxyTrainer(p, manager).withWeightFakeQuant(fakeQuantized).train(net, initial, new DatasetBatchSource(dataset.train(), p, cache), progress, distill)
            .weights();
      }
    });
  }

  /** Adds each timed step's wall seconds to a map (summed when a step repeats). */
  private record Timer(java.util.Map<String, Double> seconds) {
    <T> T time(String step, java.util.function.Supplier<T> work) {
      long t = System.nanoTime();
      try {
        return work.get();
      } finally {
        seconds.merge(step, (System.nanoTime() - t) / 1e9, Double::sum);
      }
    }
  }

  private record Scored(CocoMetrics metrics, byte[] onnx) {}

  private Scored score(OnnxValidator validator, Network net, Weights weights, ExportOptions options, String name) {
    byte[] bytes = OnnxExporter.export(net, weights, options.withNames(dataset.names()));
    Path file = models.write(name + ".onnx", bytes);
    LocalMachine.LOCK.readLock().lock();
    try {
      return new Scored(validator.evaluate(file, dataset.val(), dataset.names()).metrics(), bytes);
    } finally {
      LocalMachine.LOCK.readLock().unlock();
    }
  }

  /** Per-layer bit widths, int8 activation scales calibrated on letterboxed training images. */
  private ExportOptions calibrated() {
    return ExportOptions.defaults().withCalibrationImages(
        CalibrationImages.of(dataset.train(), cache, profile.imgsz(), compress.calibrationImages()));
  }

  private long seedOf(ParentKey key) {
    return profile.seed() * 0x9E3779B97F4A7C15L ^ Long.parseUnsignedLong(key.parentHash(), 16);
  }
}
