package org.edgenas.eval;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.edgenas.common.BadInputException;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.SupernetSettings;
import org.edgenas.space.SearchSpace;
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
 * Both {@code edgenas supernet train} and a recipe with {@code accuracy: supernet} come here.
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
   * Trains the supernet of {@code task} into {@code file} under {@code profile}'s {@code proxy:} and
   * {@code supernet:} sections, {@code steps} steps (0: the profile's); resumes when {@code file}
   * holds a stopped training of the same task (another task's file is refused, nothing overwritten).
   */
  public static SupernetFile.Loaded trainOrResume(Task task, EvaluatorProfile profile, int steps, Path file,
      ProgressListener listener, PrintWriter log) {
    SupernetSettings settings = requireSupernet(profile);
    ProxySettings training = profile.requireProxy().withImgsz(task.imgsz());
    int total = steps > 0 ? steps : training.steps();
    if (total <= 0) throw new BadInputException(profile.file() + ": proxy.steps is required for a supernet (epochs are not supported)");
    String fingerprint = task.fingerprint();
    SupernetHeader header;
    SharedWeights shared;
    if (Files.exists(file)) {
      SupernetHeader h = SupernetFile.header(file);
      h.checkMatches(file.toString(), task.spaceHash(), fingerprint, task.imgsz(), task.dataset().names());
      SupernetFile.Loaded loaded = SupernetFile.read(file);
      header = new SupernetHeader(h.space(), h.spaceHash(), h.dataset(), h.imgsz(), h.classes(), h.profileHash(), h.importance(),
          h.step(), Math.max(total, h.step()), h.updates(), h.seconds());
      shared = loaded.weights();
      if (header.complete()) {
        log.printf(Locale.ROOT, "supernet %s: complete (%d steps)%n", file, header.step());
        log.flush();
        return new SupernetFile.Loaded(header, shared);
      }
      log.printf(Locale.ROOT, "resuming supernet %s at step %d of %d%n", file, header.step(), header.steps());
    } else {
      header = new SupernetHeader(task.space().name(), task.spaceHash(), fingerprint, task.imgsz(), task.dataset().names(),
          TrainingKeys.profileHash(profile, task.imgsz()), settings.importance(), 0, total, 0, 0);
      shared = new SharedWeights();
      log.printf(Locale.ROOT, "training the supernet of %s: %d steps at %d px into %s%n", task.space().name(), total, task.imgsz(), file);
    }
    log.flush();
    SupernetSpace supernet = SupernetSpace.of(task.space(), task.dataset().names().size());
    SupernetHeader done = LocalMachine.train(() -> new SupernetTrainer(training, settings).train(supernet, header, shared, file,
        new DatasetBatchSource(task.dataset().train(), training, new ImageCache()), listener, s -> false));
    return new SupernetFile.Loaded(done, shared);
  }

  /**
   * Reads a supernet trained elsewhere for {@code task}: refused, naming the file and the field,
   * when it was trained for another space, class list, dataset or image size, or is unfinished.
   */
  public static SupernetFile.Loaded reuse(Task task, Path file) {
    if (!Files.isRegularFile(file)) throw new BadInputException(file + ": no such supernet file");
    SupernetHeader h = SupernetFile.header(file);
    h.checkMatches(file.toString(), task.spaceHash(), task.fingerprint(), task.imgsz(), task.dataset().names());
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
