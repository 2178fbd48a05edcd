package org.edgenas.device;

import java.util.ArrayList;
import java.util.List;

/**
 * A runner's measuring command, as a template with {@code {}} holes and its arguments (see {@link
 * RemoteCommand}); kept apart so the probe can put the thermal reads and the device-side clock
 * around it in the same remote command.
 */
public record RunnerCommand(String template, List<String> args) {
  public RunnerCommand {
    args = List.copyOf(args);
  }

  public static RunnerCommand of(String template, String... args) {
    RemoteCommand.of(template, args); // checks the holes and arguments now
    return new RunnerCommand(template, List.of(args));
  }

  /** {@code before + template + after} with {@code beforeArgs}, the arguments, {@code afterArgs}. */
  RemoteCommand around(String before, List<String> beforeArgs, String after, List<String> afterArgs) {
    List<String> all = new ArrayList<>(beforeArgs);
    all.addAll(args);
    all.addAll(afterArgs);
    return RemoteCommand.of(before + template + after, all.toArray(String[]::new));
  }
}
