package org.edgenas.eval;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.edgenas.arch.Weights;
import org.edgenas.checkpoint.ImportedWeights;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.compress.Importance;
import org.edgenas.common.BadInputException;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.InitSettings;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.supernet.PathSlices;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetKeys;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.supernet.SupernetTrainer;

/**
 * A space's supernet for one task (space file, dataset, image size): trained into a file, or resumed
 * from the file a stopped training left, or an existing file checked against the task and read.
 * Both {@code edgenas supernet train} and a recipe with {@code accuracy: supernet} come here. With
 * the profile's {@code init:}, the shared tensors start from the checkpoint where the paths' layers
 * match its reference ({@link #start}), and the file records the checkpoint's SHA-256.
 */
public final class Supernets {
  private Supernets() {}

  /** The task a supernet serves: what its file must have been trained for. */
  public record Task(Path spaceFile, SearchSpace space, Path dataYaml, YoloDataset dataset, int imgsz) {
    String spaceHash() {
      return SupernetKeys.spaceHash(spaceFile);
    }

    String fingerprint() {
      return TrainingKeys.datasetFingerprint(dataYaml, dataset);
    }
  }

  /**
   * Trains the supernet of {@code task} into {@code file} under {@code profile}'s {@code proxy:},
   * {@code supernet:} and {@code init:} sections, {@code steps} steps (0: the profile's); resumes when
   * {@code file} holds a stopped training of the same task and checkpoint (another's is refused,
   * nothing overwritten), or continues a finished one when more steps are asked (its file kept no
   * AdamW moments: they start from zero, and the log says so).
   */
  public static SupernetFile.Loaded trainOrResume(Task task, EvaluatorProfile profile, int steps, Path file,
      ProgressListener listener, PrintWriter log) {
    SupernetSettings settings = requireSupernet(profile);
    ProxySettings training = profile.requireProxy().withImgsz(task.imgsz());
    int total = steps > 0 ? steps : training.steps();
    if (total <= 0) throw new BadInputException(profile.file() + ": proxy.steps is required for a supernet (epochs are not supported)");
    String fingerprint = task.fingerprint();
    SupernetSpace supernet = SupernetSpace.of(task.space(), task.dataset().names().size());
    SupernetHeader header;
    SharedWeights shared;
    if (Files.exists(file)) {
      SupernetHeader h = SupernetFile.header(file);
      h.checkMatches(file.toString(), task.spaceHash(), fingerprint, task.imgsz(), task.dataset().names(), initSha256(profile.init()));
      h.checkDistill(file.toString(), settings.distillation());
      h.checkSampling(file.toString(), settings.samplingRecord());
      SupernetFile.Loaded loaded = SupernetFile.read(file);
      header = h.planned(Math.max(total, h.step()));
      shared = loaded.weights();
      if (header.complete()) {
        log.printf(Locale.ROOT, "supernet %s: complete (%d steps)%n", file, header.step());
        log.flush();
        return new SupernetFile.Loaded(header, shared);
      }
      log.printf(Locale.ROOT, "resuming supernet %s at step %d of %d%s%n", file, header.step(), header.steps(),
          shared.tensors().isEmpty() || shared.hasOptimizerState() ? ""
              : " (the file of its finished training kept only the weights: AdamW's moments start from zero)");
    } else {
      header = null;
      shared = null;
    }
    WeightInheritance inheritance = RecipeEvaluators.inheritance(profile, task.dataset().names().size());
    if (header == null) {
      log.printf(Locale.ROOT, "training the supernet of %s: %d steps at %d px into %s%s%n", task.space().name(), total, task.imgsz(), file,
          (settings.distill() ? ", in-place distillation from the largest path (weight " + settings.distillWeight() + ")" : "")
              + (settings.fair() ? ", strictly fair sampling (FairNAS): " + supernet.fairPaths() + " paths per step" : ""));
      Start start = start(supernet, task.imgsz(), SupernetTrainer.slicing(settings), training.seed(), inheritance);
      if (start.record() != null) log.printf(Locale.ROOT, "supernet init: %s%n", start.record().summary());
      header = new SupernetHeader(task.space().name(), task.spaceHash(), fingerprint, task.imgsz(), task.dataset().names(),
          TrainingKeys.profileHash(profile, task.imgsz()), settings.importance(), 0, total, 0, 0, start.init(), settings.distillation(),
          settings.samplingRecord());
      shared = start.shared();
    }
    log.flush();
    SupernetHeader first = header;
    SharedWeights weights = shared;
    SupernetTrainer trainer = new SupernetTrainer(training, settings, initial(inheritance));
    SupernetHeader done = LocalMachine.train(() -> trainer.train(supernet, first, weights, file,
        new DatasetBatchSource(task.dataset().train(), training, new ImageCache()), listener, s -> false));
    if (settings.distill() && trainer.distilledPaths() > 0) {
      log.printf(Locale.ROOT, "supernet in-place distillation: mean loss %.4f per image over %d student paths (before distill_weight)%n",
          trainer.meanDistillLoss(), trainer.distilledPaths());
      log.flush();
    }
    return new SupernetFile.Loaded(done, weights);
  }

  /**
   * A fresh supernet's shared tensors and what they took from the checkpoint.
   *
   * @param init the checkpoint, for the header; null without one
   * @param record what the shared tensors took from it (every path's inheritance together); null without one
   */
  public record Start(SharedWeights shared, SupernetHeader.Init init, ImportedWeights record) {}

  /**
   * The shared tensors a supernet starts from: none without {@code inheritance} (each path creates
   * its tensors from fresh values as it is first sampled); with it, the tensors of {@link
   * SupernetSpace#largestOfEveryKind} at their widest, each path's layers matching the checkpoint's
   * reference by name and kind taking its values ({@link WeightInheritance#fit}, the channels in the
   * leading positions of a wider layer), the rest fresh.
   */
  public static Start start(SupernetSpace space, int imgsz, Importance importance, long seed, WeightInheritance inheritance) {
    SharedWeights shared = new SharedWeights();
    if (inheritance == null) return new Start(shared, null, null);
    List<ImportedWeights> fits = new ArrayList<>();
    PathSlices.Initial initial = (wide, fresh) -> {
      ImportedWeights w = inheritance.fit(wide, fresh);
      fits.add(w);
      return w.weights();
    };
    for (int[] picks : space.largestOfEveryKind()) PathSlices.of(space, space.path(picks), imgsz, shared, importance, seed, initial);
    Set<String> transferred = new LinkedHashSet<>(), considered = new LinkedHashSet<>(), sliced = new LinkedHashSet<>();
    for (ImportedWeights w : fits) {
      transferred.addAll(w.transferred());
      considered.addAll(w.transferred());
      considered.addAll(w.notTransferred());
      sliced.addAll(w.sliced());
    }
    considered.removeAll(transferred);
    var ckpt = inheritance.checkpoint();
    ImportedWeights record = new ImportedWeights(new Weights(java.util.Map.of()), ckpt.fileName(), ckpt.sha256(), List.copyOf(transferred),
        List.copyOf(considered), List.copyOf(sliced), List.of(), java.util.Map.of());
    return new Start(shared, new SupernetHeader.Init(ckpt.fileName(), ckpt.sha256(), record.transferred().size(), record.total()), record);
  }

  /** New or grown shared tensors from the checkpoint where a path matches its reference; fresh without one. */
  static PathSlices.Initial initial(WeightInheritance inheritance) {
    return inheritance == null ? PathSlices.Initial.FRESH : (wide, fresh) -> inheritance.fit(wide, fresh).weights();
  }

  private static String initSha256(InitSettings init) {
    return init == null ? null : init.sha256();
  }

  /**
   * Reads a supernet trained elsewhere for {@code task}: refused, naming the file and the field,
   * when it was trained for another space, class list, dataset or image size, from another
   * checkpoint than {@code init} (null: from none), or is unfinished.
   */
  public static SupernetFile.Loaded reuse(Task task, Path file, InitSettings init) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such supernet file");
    SupernetHeader h = SupernetFile.header(file);
    h.checkMatches(file.toString(), task.spaceHash(), task.fingerprint(), task.imgsz(), task.dataset().names(), initSha256(init));
    if (!h.complete()) {
      throw new BadInputException(file + ": the supernet is unfinished (step " + h.step() + " of " + h.steps()
          + "); finish it with edgenas supernet train, or use accuracy: supernet to train it in the run");
    }
    return SupernetFile.read(file);
  }

  /** The {@code supernet:} section of {@code profile}; bad input naming the file when it has none. */
  public static SupernetSettings requireSupernet(EvaluatorProfile profile) {
    if (!profile.hasSupernet()) {
      throw BadInputException.at(profile.file() == null ? "the evaluator profile" : profile.file().toString(), 1,
          "missing the '" + SupernetSettings.BLOCK_KEY + ":' section (a supernet profile such as evaluators/supernet.yaml)");
    }
    return profile.supernet();
  }
}
