package org.edgenas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.search.Search;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas resume results/<run>}: continues a stopped or killed run from its latest checkpoint. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Continue a search run from its latest readable checkpoint, with the run's own copy of its inputs.",
      "Nothing evaluated before the stop is evaluated again; the final front is the one of an uninterrupted run."
    })
public final class ResumeCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin SearchCommand.RunOptions runOptions;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder (e.g. results/quickstart-20250101-120000).")
  Path dir;

  @Override
  public Integer call() {
    try (SearchConsole console = runOptions.console(spec)) {
      SearchCommand.RunOptions.summary(spec.commandLine().getOut(), Search.resume(dir, runOptions.options(null, console), console));
    }
    return Main.OK;
  }
}
