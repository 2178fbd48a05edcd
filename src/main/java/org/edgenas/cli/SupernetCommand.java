package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.Supernets;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.train.ConsoleProgress;
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
      "Train the weight-sharing supernet of a space on a dataset, checkpointed to DIR/supernet.bin.",
      "Each step trains the largest, the smallest and random paths (the sandwich rule), or with the profile's",
      "supernet.sampling: fair one path per block kind (FairNAS strict fairness); the checkpoint is written",
      "atomically, and running the command again resumes after a stop."})
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
      EvaluatorProfile p = EvaluatorProfiles.load(profile);
      int size = imgsz == 0 ? p.requireProxy().imgsz() : imgsz;
      if (size < 32 || size % 32 != 0) throw new BadInputException("--imgsz must be a positive multiple of 32, was " + size);
      Path file = fileIn(out);
      PrintWriter w = spec.commandLine().getOut();
      SupernetFile.Loaded done = Supernets.trainOrResume(new Supernets.Task(spaceFile, space, data, dataset, size), p, steps, file,
          quiet ? x -> {} : ConsoleProgress.stderr(), w);
      w.printf(java.util.Locale.ROOT, "supernet of %s: %d steps (%d updates), %,d shared values, %.1f s of training; wrote %s%n",
          space.name(), done.header().step(), done.header().updates(), done.weights().size(), done.header().seconds(), file);
      w.flush();
      return Main.OK;
    }
  }
}
