package org.edgenas.eval;

import org.edgenas.profile.DistillSettings;
import org.edgenas.profile.CompressSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.CheckpointImport;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.compress.ChannelPruner;
import org.edgenas.compress.Importance;
import org.edgenas.compress.ParentKey;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.evaluation.Seeds;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SpaceLoader;
import org.edgenas.train.BatchNormRecalibration;
import org.edgenas.train.Distillation;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.TrainingResult;
import org.edgenas.train.TrainingSpeed;
import org.edgenas.train.WeightFakeQuant;

/**
 * A candidate's accuracy as the lightweighting recipes produce it: proxy-train the float,
 * unpruned parent (shared by every candidate that differs only in pruning and bit widths), prune
 * its least important channels at the candidate's ratios, re-estimate its BatchNorm statistics on
 * {@code compress.bn_recalibration} training batches, fine-tune briefly (and, with
 * {@code compress.qat_steps}, once more with int8 weights fake-quantized), export to ONNX at the
 * candidate's bit widths (int8 calibrated on training images), and score the exported model in
 * ONNX Runtime on the validation split. With a {@code compress.distill} block, the parent's proxy
 * training and the fine-tune add a distillation term from a teacher trained once (and cached).
 */
public final class ProxyEvaluation {
  /**
   * One training's metrics: the parent trained with one seed of the profile, and the candidate
   * pruned, fine-tuned and exported from it.
   *
   * @param seed the profile seed this training used
   * @param floatMetrics the parent, float and unpruned (null when not scored: an inherited parent of a compressed candidate)
   * @param prunedMetrics after pruning and fine-tuning, float (null when nothing is pruned, or not scored: an
   *     inherited parent's pruned candidate that is also quantized)
   * @param deployedMetrics the exported model at the candidate's bit widths
   * @param trainingSpeed the float parent's training-speed estimate ({@link TrainingSpeed}); NaN when its
   *     parent was not trained here (inherited) or its loss curve was not stored
   * @param parentSteps the steps of the float parent's training the estimate was taken from (0 when it has none)
   */
  public record SeedMetrics(long seed, CocoMetrics floatMetrics, CocoMetrics prunedMetrics, CocoMetrics deployedMetrics,
      double trainingSpeed, int parentSteps) {}

  /**
   * What one candidate's evaluation found. With a profile of one seed the metrics are those of the
   * exported model; with {@code seeds: N} they are the means over N trainings ({@link
   * CocoMetrics#mean}), the estimate the search ranks by, and the exported model is the first
   * training's ({@link #exported()}).
   *
   * @param seeds each training's metrics, the exported model's first
   * @param stepSeconds wall seconds per step (teacher, parent, float-map, prune, bn-recalibration, finetune, pruned-map, qat, quantized-map), summed over the trainings
   * @param init what the parent's training took from the checkpoint it started from; null when it started fresh
   */
  public record Result(List<SeedMetrics> seeds, String parentHash, boolean parentReused, Path onnx, String method,
      double seconds, java.util.Map<String, Double> stepSeconds, ImportedWeights init) {
    public Result {
      seeds = List.copyOf(seeds);
      if (seeds.isEmpty()) throw new IllegalArgumentException("an evaluation has at least one training");
    }

    /** The float, unpruned parent's metrics, averaged over the trainings; null when they were not scored. */
    public CocoMetrics floatMetrics() {
      return seeds.getFirst().floatMetrics() == null ? null : CocoMetrics.mean(seeds.stream().map(SeedMetrics::floatMetrics).toList());
    }

    /** The pruned and fine-tuned float metrics averaged over the trainings, null when nothing is pruned. */
    public CocoMetrics prunedMetrics() {
      return seeds.getFirst().prunedMetrics() == null ? null : CocoMetrics.mean(seeds.stream().map(SeedMetrics::prunedMetrics).toList());
    }

    /** The deployed (compressed, exported) model's metrics averaged over the trainings: the reported accuracy. */
    public CocoMetrics deployedMetrics() {
      return CocoMetrics.mean(seeds.stream().map(SeedMetrics::deployedMetrics).toList());
    }

    /**
     * The float parents' training-speed estimate ({@link TrainingSpeed}) averaged over the trainings;
     * NaN when any training has none (an inherited parent, or one stored without its loss curve).
     */
    public double trainingSpeed() {
      return seeds.stream().mapToDouble(SeedMetrics::trainingSpeed).average().orElse(Double.NaN);
    }

    /** The training whose model was written to {@link #onnx()}, with that model's own metrics. */
    public SeedMetrics exported() {
      return seeds.getFirst();
    }
  }

  private final YoloDataset dataset;
  private final ProxySettings profile;
  private final String profileHash;
  private final String datasetFingerprint;
  private final CompressSettings compress;
  private final long masterSeed;
  private final ParentStore parents;
  private final CandidateModels models;
  private final java.util.function.Function<String, ProgressListener> progress;
  private final ImageCache cache = new ImageCache();
  private final WeightInheritance init;
  private final InheritedParents inherited;
  private Distillation teacher;

  /**
   * @param profileHash the training key of the profile ({@link TrainingKeys#profileHash})
   * @param masterSeed the run's master seed: every training's batch order derives from it and the
   *     profile's seed ({@link #trainingSeed}), its initial weights from those and the parent's hash
   */
  public ProxyEvaluation(YoloDataset dataset, ProxySettings profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, long masterSeed, ParentStore parents, CandidateModels models, ProgressListener progress) {
    this(dataset, profile, profileHash, datasetFingerprint, compress, masterSeed, parents, models, hash -> progress, null);
  }

  /** As the other constructor, with a progress listener per candidate: {@code progress} maps an architecture hash to it. */
  public ProxyEvaluation(YoloDataset dataset, ProxySettings profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, long masterSeed, ParentStore parents, CandidateModels models,
      java.util.function.Function<String, ProgressListener> progress) {
    this(dataset, profile, profileHash, datasetFingerprint, compress, masterSeed, parents, models, progress, null);
  }

  /** As the first constructor, every parent starting from {@code init}'s checkpoint (see the last public one). */
  public ProxyEvaluation(YoloDataset dataset, ProxySettings profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, long masterSeed, ParentStore parents, CandidateModels models, ProgressListener progress,
      WeightInheritance init) {
    this(dataset, profile, profileHash, datasetFingerprint, compress, masterSeed, parents, models, hash -> progress, init);
  }

  /**
   * With a progress listener per candidate ({@code progress} maps an architecture hash to it), every
   * parent's training starting from {@code init}'s checkpoint ({@link WeightInheritance}: exactly,
   * {@link CheckpointImport}, or inherited by the layers matching its reference architecture; every
   * BatchNorm matched to the first batch); {@code init} null starts from the profile's fresh
   * initialisation. The checkpoint's SHA-256 is part of the parent's key.
   */
  public ProxyEvaluation(YoloDataset dataset, ProxySettings profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, long masterSeed, ParentStore parents, CandidateModels models,
      java.util.function.Function<String, ProgressListener> progress, WeightInheritance init) {
    this(dataset, profile, profileHash, datasetFingerprint, compress, masterSeed, parents, models, progress, init, null);
  }

  private ProxyEvaluation(YoloDataset dataset, ProxySettings profile, String profileHash, String datasetFingerprint,
      CompressSettings compress, long masterSeed, ParentStore parents, CandidateModels models,
      java.util.function.Function<String, ProgressListener> progress, WeightInheritance init, InheritedParents inherited) {
    this.init = init;
    this.inherited = inherited;
    this.dataset = dataset;
    this.profile = profile;
    this.profileHash = profileHash;
    this.datasetFingerprint = datasetFingerprint;
    this.compress = compress;
    this.masterSeed = masterSeed;
    this.parents = parents;
    this.models = models;
    this.progress = progress;
  }

  /**
   * This evaluation with every parent taken from {@code source} (its {@code profile} the one the
   * source was trained with: the compression fine-tunes derive from it), never proxy-trained. It
   * scores the deployed model only: a compressed candidate's float parent and pruned float model
   * are not exported and scored (each costs as much as the rest of an estimate).
   */
  public ProxyEvaluation inheriting(InheritedParents source) {
    return new ProxyEvaluation(dataset, profile, profileHash, datasetFingerprint, compress, masterSeed, parents, models, progress,
        init, java.util.Objects.requireNonNull(source));
  }

  /**
   * Evaluates {@code arch}: one training per seed of the profile ({@link ProxySettings#replicas()}),
   * each through parent, prune, fine-tune, quantize and score; writes the first training's deployed model.
   */
  public Result evaluate(Architecture candidate) {
    Architecture arch = init == null || inherited != null ? candidate : withInitProvenance(candidate);
    long t0 = System.nanoTime();
    java.util.Map<String, Double> steps = new java.util.LinkedHashMap<>();
    Timer timer = new Timer(steps);
    Distillation distill = compress.distill() == null ? null : timer.time("teacher", this::teacher);
    int trainedBefore = parents.trainedCount();
    List<ProxySettings> replicas = profile.replicas();
    List<Trained> trained = new java.util.ArrayList<>();
    ProgressListener listener = progress.apply(arch.hash());
    for (int r = 0; r < replicas.size(); r++) trained.add(trainOne(arch, replicas.get(r), r, distill, timer, listener));
    List<SeedMetrics> seeds = trained.stream().map(Trained::metrics).toList();
    boolean reused = parents.trainedCount() == trainedBefore;
    Path onnx = models.write(arch.hash() + "-deployed.onnx", trained.getFirst().deployedOnnx());
    Set<String> fakeQuantized = trained.getFirst().fakeQuantized();
    ImportedWeights imported = trained.getFirst().imported();
    boolean pruned = isPruned(arch);
    boolean quantized = isQuantized(arch);
    String parentMade = inherited != null ? inherited.describe(arch.uncompressed())
        : String.format(java.util.Locale.ROOT, "proxy-trained parent %s (%s, %s %d steps × batch %d at %d px%s%s)",
            arch.parentHash(), profile.name(), profile.optimizer().key(), profile.steps(), profile.batch(), profile.imgsz(),
            reused ? ", shared" : "", imported == null ? "" : ", initialised from " + imported.checkpoint() + " (sha256 "
            + imported.sha256().substring(0, 16) + (init.reference() == null ? "" : ", inherited through reference "
            + init.reference().name()) + ", transferred " + imported.transferred().size() + "/" + imported.total()
            + " tensors, BatchNorm matched to the first batch)");
    String method = String.format(java.util.Locale.ROOT,
        "%s%s%s%s%s; COCO mAP of the exported ONNX in ONNX Runtime on %d val images%s",
        parentMade, distill == null ? "" : compress.distill().describe(distill.label()),
        pruned ? prunedNote() : "",
        quantized ? ", per-layer bits with int8 calibrated on " + compress.calibrationImages() + " train images" : "",
        fakeQuantized.isEmpty() ? "" : " after a " + compress.qatSteps() + "-step quantization-aware fine-tune (int8 weight"
            + " fake-quant of " + fakeQuantized.size() + " convolutions, straight-through; activations post-training)",
        dataset.val().size(), seeds.size() == 1 ? "" : seedsNote(seeds));
    return new Result(seeds, arch.parentHash(), reused, onnx, method, (System.nanoTime() - t0) / 1e9, steps, imported);
  }

  /** How a pruned candidate was made from its parent. */
  private String prunedNote() {
    return ", pruned by BN-scaled L1" + (compress.bnRecalibration() == 0 ? ""
        : ", BatchNorm re-estimated on " + compress.bnRecalibration() + " train batches")
        + (compress.finetuneSteps() == 0 ? ", not fine-tuned" : " and fine-tuned " + compress.finetuneSteps() + " steps");
  }

  /** How a mean over several trainings was made, each training's deployed mAP50-95 named. */
  private static String seedsNote(List<SeedMetrics> seeds) {
    StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "; the mean of %d trainings (profile seeds %d–%d;"
        + " mAP50-95 each", seeds.size(), seeds.getFirst().seed(), seeds.getLast().seed()));
    for (SeedMetrics m : seeds) s.append(String.format(java.util.Locale.ROOT, " %.4f", m.deployedMetrics().ap()));
    return s.append("); the exported model is seed ").append(seeds.getFirst().seed()).append("'s").toString();
  }

  private static boolean isPruned(Architecture arch) {
    return arch.layers().stream().anyMatch(l -> l.prune() > 0);
  }

  private static boolean isQuantized(Architecture arch) {
    return arch.layers().stream().anyMatch(l -> l.bits() != 32);
  }

  private record Trained(SeedMetrics metrics, byte[] deployedOnnx, Set<String> fakeQuantized, ImportedWeights imported) {}

  /** The checkpoint named in the architecture's provenance, so that the exported model's metadata carries it. */
  private Architecture withInitProvenance(Architecture arch) {
    java.util.Map<String, String> provenance = new java.util.LinkedHashMap<>(arch.provenance());
    provenance.put("init", init.checkpoint().fileName() + " sha256:" + init.checkpoint().sha256());
    return new Architecture(arch.name(), arch.nc(), arch.imgsz(), arch.layers(), provenance);
  }

  /**
   * One training of the candidate with one seed of the profile: the parent (the r-th seed's, kept in
   * the parent store apart from the other seeds'), then prune, fine-tune, quantize and score.
   */
  private Trained trainOne(Architecture arch, ProxySettings replicaProfile, int replica, Distillation distill, Timer timer,
      ProgressListener listener) {
    int imgsz = replicaProfile.imgsz();
    Architecture parentArch = arch.uncompressed();
    Network parentNet = parentArch.lower(imgsz);
    ProxySettings p = replicaProfile.withSeed(trainingSeed(replicaProfile.seed()));
    // a distilled parent is another parent than the plain one (and than the teacher, were they the same architecture)
    String trainingHash = (distill == null ? profileHash
        : profileHash + ";distill=" + distill.label() + "," + distill.weight() + "," + distill.temperature())
        + (replica == 0 ? "" : ";seed+" + replica) + ";seed=" + p.seed() + (init == null ? "" : ";init=" + init.checkpoint().sha256());
    ParentKey key = ParentKey.of(arch, trainingHash, imgsz, datasetFingerprint);
    Weights fresh = inherited != null ? null : p.initialWeights(parentNet, seedOf(p, key));
    ImportedWeights imported = init == null || inherited != null ? null : init.fit(parentNet, fresh);
    Weights start = imported == null ? fresh : imported.weights();
    Weights parent = inherited != null ? timer.time("inherit", () -> inherited.parent(parentArch))
        : timer.time("parent", () -> parents.computeIfAbsent(key, parentNet, () -> {
          TrainingResult t = trainRun(parentNet, start, p, distill, Set.of(), listener.asPart(replica, profile.seeds()), imported != null);
          parents.putLosses(key, t.losses());
          return t.weights();
        }));
    float[] losses = inherited != null ? new float[0] : parents.losses(key).orElse(new float[0]);
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    String suffix = replica == 0 ? "" : "-seed" + replicaProfile.seed();
    boolean pruned = isPruned(arch);
    boolean quantized = isQuantized(arch);
    // an inherited estimate scores the deployed model only: seconds matter, its parent is no training of its own
    boolean intermediates = inherited == null;
    Scored floatScore = intermediates || !(pruned || quantized) ? timer.time("float-map", () -> score(validator, parentNet, parent,
        ExportOptions.defaults().withBits(32), arch.parentHash() + "-float" + suffix)) : null;
    Network net = arch.lower(imgsz);
    Weights weights = parent;
    Scored prunedScore = null;
    if (pruned) {
      Weights cut = timer.time("prune", () -> ChannelPruner.prune(parentNet, parent, net, Importance.L1_BN_SCALED).weights());
      Weights kept = compress.bnRecalibration() == 0 ? cut : timer.time("bn-recalibration", () -> LocalMachine.train(() ->
          BatchNormRecalibration.recalibrate(net, cut, BatchNormRecalibration.draw(new DatasetBatchSource(dataset.train(), p, cache),
              compress.bnRecalibration(), p.batch(), p.seed()), p.threads())));
      weights = compress.finetuneSteps() == 0 ? kept
          : timer.time("finetune", () -> train(net, kept, compress.finetuneProfile(p), distill, Set.of(), listener));
      Weights w = weights;
      prunedScore = intermediates || !quantized ? timer.time("pruned-map", () -> score(validator, net, w,
          ExportOptions.defaults().withBits(32), arch.hash() + "-pruned" + suffix)) : null;
    }
    Set<String> fakeQuantized = quantized && compress.qatSteps() > 0 ? WeightFakeQuant.int8Convs(net) : Set.of();
    if (!fakeQuantized.isEmpty()) {
      Weights before = weights;
      weights = timer.time("qat", () -> train(net, before, compress.qatProfile(p), distill, fakeQuantized, listener));
    }
    Weights fin = weights;
    Scored deployed = quantized ? timer.time("quantized-map", () -> score(validator, net, fin, calibrated(), arch.hash() + "-quantized" + suffix))
        : pruned ? prunedScore : floatScore;
    SeedMetrics metrics = new SeedMetrics(replicaProfile.seed(), floatScore == null ? null : floatScore.metrics(),
        prunedScore == null ? null : prunedScore.metrics(),
        deployed.metrics(), TrainingSpeed.of(losses), losses.length);
    return new Trained(metrics, deployed.onnx(), fakeQuantized, imported);
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
    ProxySettings p = profile.withSeed(trainingSeed(profile.seed())).withSeeds(1);
    ParentKey key = ParentKey.of(arch, profileHash + ";seed=" + p.seed(), profile.imgsz(), datasetFingerprint);
    Weights w = parents.computeIfAbsent(key, net, () -> train(net, p.initialWeights(net, seedOf(p, key)), p, null,
        Set.of(), progress.apply(arch.hash())));
    teacher = new Distillation(net, w, d.weight(), d.temperature(), arch.parentHash());
    return teacher;
  }

  private Weights train(Network net, Weights initial, ProxySettings p, Distillation distill, Set<String> fakeQuantized,
      ProgressListener listener) {
    return train(net, initial, p, distill, fakeQuantized, listener, false);
  }

  private Weights train(Network net, Weights initial, ProxySettings p, Distillation distill, Set<String> fakeQuantized,
      ProgressListener listener, boolean fromCheckpoint) {
    return trainRun(net, initial, p, distill, fakeQuantized, listener, fromCheckpoint).weights();
  }

  private TrainingResult trainRun(Network net, Weights initial, ProxySettings p, Distillation distill, Set<String> fakeQuantized,
      ProgressListener listener, boolean fromCheckpoint) {
    return LocalMachine.train(() -> ProxyTrainer.trainScoped(p, fakeQuantized, fromCheckpoint, net, initial,
        new DatasetBatchSource(dataset.train(), p, cache), listener, distill));
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

  /**
   * The seed of every training with the profile's seed {@code profileSeed}: derived from the master
   * seed alone ({@link Seeds#mix}, no architecture's hash mixed in) and offset by the profile's seed,
   * the same for every architecture of the run, so that every candidate trains on the same batches
   * in the same order with the same augmentations (common random numbers: what separates two
   * candidates' scores is the architecture, not which images each happened to draw). Initial weights
   * still differ per parent ({@code seedOf} mixes in the parent's hash). The fidelity benchmark trains
   * this way (bench/README.md, "The batch order matters").
   */
  public long trainingSeed(long profileSeed) {
    return Seeds.mix(masterSeed, 0) + profileSeed;
  }

  /** The seed of a parent's initial weights: the training's seed mixed with the parent's hash. */
  private static long seedOf(ProxySettings p, ParentKey key) {
    return p.seed() * 0x9E3779B97F4A7C15L ^ Long.parseUnsignedLong(key.parentHash(), 16);
  }
}
