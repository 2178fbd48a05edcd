package org.edgenas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgenas devices}: register, list and check the edge devices in {@code devices/}. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "Register, list and check edge devices (devices/*.yaml).",
    subcommands = {DevicesAddCommand.class, DevicesListCommand.class, DevicesCheckCommand.class})
public final class DevicesCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, list or check");
  }

  /** The {@code --dir} option every subcommand shares. */
  public static final class DirOption {
    @Option(names = "--dir", defaultValue = "devices", paramLabel = "DIR",
        description = "The device folder (default: ${DEFAULT-VALUE}).")
    Path dir;
  }
}
