package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SharedWeights;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetHeader;
import org.edgenas.supernet.SupernetKeys;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.ConsoleProgress;
import org.edgenas.train.supernet.SupernetProfile;
import org.edgenas.train.supernet.SupernetTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code edgenas supernet train SPACE.yaml --data data.yaml [--profile P] --out DIR}: trains (or resumes) a space's supernet. */
@Command(name = "supernet", mixinStandardHelpOptions = true, description = "Weight-sharing supernets of a space.",
    subcommands = {SupernetCommand.Train.class})
public final class SupernetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (train)");
  }

  /** The file a supernet is kept in under its folder. */
  public static Path fileIn(Path dir) {
    return dir.resolve("supernet.bin");
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = {
      "Train the weight-sharing supernet of a space on a dataset (sandwich rule: the largest, the smallest and",
      "random paths each step), checkpointed atomically to DIR/supernet.bin; run it again to resume after a stop."})
  static final class Train implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPACE.yaml", description = "The search space.")
    Path spaceFile;

    @Option(names = "--data", required = true, paramLabel = "data.yaml", description = "A YOLO-format dataset.")
    Path data;

    @Option(names = "--profile", paramLabel = "FILE", description = "Supernet profile (default: ${DEFAULT-VALUE}).")
    Path profile = Path.of("evaluators/supernet.yaml");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the supernet file is written.")
    Path out;

    @Option(names = "--imgsz", paramLabel = "N", description = "Image size (default: the profile's).")
    int imgsz;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: the profile's).")
    int steps;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      YoloDataset dataset = YoloDataset.load(data, BadEntryPolicy.SKIP);
      SearchSpace space = SpaceLoader.load(spaceFile, dataset.names().size());
      SupernetProfile p = SupernetProfile.load(profile);
      int size = imgsz == 0 ? p.training().imgsz() : imgsz;
      if (size < 32 || size % 32 != 0) throw new BadInputException("--imgsz must be a positive multiple of 32, was " + size);
      var training = p.training().withImgsz(size);
      int total = steps > 0 ? steps : training.steps();
      if (total <= 0) throw new BadInputException(profile + ": proxy.steps is required for a supernet (epochs are not supported)");
      String spaceHash = SupernetKeys.spaceHash(spaceFile);
      String fingerprint = TrainingKeys.datasetFingerprint(data, dataset);
      Path file = fileIn(out);
      PrintWriter w = spec.commandLine().getOut();
      SupernetHeader header;
      SharedWeights shared;
      if (Files.exists(file)) {
        SupernetHeader h = SupernetFile.header(file);
        h.checkMatches(file.toString(), spaceHash, fingerprint, size, dataset.names());
        SupernetFile.Loaded loaded = SupernetFile.read(file);
        header = new SupernetHeader(h.space(), h.spaceHash(), h.dataset(), h.imgsz(), h.classes(), h.profileHash(), h.importance(),
            h.step(), Math.max(total, h.step()), h.updates(), h.seconds());
        shared = loaded.weights();
        w.printf("resuming %s at step %d of %d%n", file, header.step(), header.steps());
      } else {
        header = new SupernetHeader(space.name(), spaceHash, fingerprint, size, dataset.names(), TrainingKeys.profileHash(profile, size),
            p.importanceName(), 0, total, 0, 0);
        shared = new SharedWeights();
      }
      w.flush();
      SupernetSpace supernet = SupernetSpace.of(space, dataset.names().size());
      SupernetHeader done = new SupernetTrainer(training, p.trainer()).train(supernet, header, shared, file,
          new DatasetBatchSource(dataset.train(), training, new ImageCache()), quiet ? x -> {} : ConsoleProgress.stderr(), s -> false);
      w.printf(java.util.Locale.ROOT, "supernet of %s: %d steps (%d updates), %,d shared values, %.1f s of training; wrote %s%n",
          space.name(), done.step(), done.updates(), shared.size(), done.seconds(), file);
      w.flush();
      return Main.OK;
    }
  }
}
