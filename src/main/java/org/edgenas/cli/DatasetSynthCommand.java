package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgenas dataset synth --out DIR}: writes the built-in synthetic dataset. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Write the built-in synthetic detection dataset (YOLO layout, deterministic by seed).")
public final class DatasetSynthCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (empty, or an earlier synthetic dataset).")
  Path out;

  @Option(names = "--classes", defaultValue = "4", description = "Object classes, 1..8 (default ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--train", defaultValue = "256", description = "Train images (default ${DEFAULT-VALUE}).")
  int train;

  @Option(names = "--val", defaultValue = "64", description = "Val images (default ${DEFAULT-VALUE}).")
  int val;

  @Option(names = "--imgsz", defaultValue = "160", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
  int imageSize;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    SynthOptions opts;
    try {
      opts = new SynthOptions(classes, train, val, imageSize, seed);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    long start = System.nanoTime();
    Path dataYaml = SyntheticDataset.generate(out, opts);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("wrote %s: %d train + %d val images of %dx%d, %d classes %s, seed %d, in %.2f s%n", dataYaml,
        train, val, imageSize, imageSize, classes, SyntheticDataset.classNames(classes), seed,
        (System.nanoTime() - start) / 1e9);
    w.flush();
    return Main.OK;
  }
}
