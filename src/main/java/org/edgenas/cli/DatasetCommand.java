package org.edgenas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code edgenas dataset}: make the built-in synthetic dataset, check a YOLO dataset. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Make the built-in synthetic dataset (synth) or check a YOLO data.yaml (check).",
    subcommands = {DatasetCheckCommand.class, DatasetSynthCommand.class})
public final class DatasetCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a dataset command is required: check or synth");
  }
}
