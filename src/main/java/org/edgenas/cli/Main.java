package org.edgenas.cli;

import java.io.PrintWriter;
import org.edgenas.common.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code edgenas} command. {@link #run} takes its writers so tests assert on output and exit
 * code: 0 ok, 1 failure, 2 usage or bad input. Errors print one sentence; {@code -v} adds the
 * stack trace.
 */
@Command(
    name = "edgenas",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Hardware-aware neural architecture search for lightweight YOLO-style detectors.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "a command is required (see edgenas --help)");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs the CLI with the given writers and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = Commands.build(out, err);
    boolean verbose = java.util.Arrays.asList(args).contains("-v")
        || java.util.Arrays.asList(args).contains("--verbose");
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          Throwable cause = ex;
          if (cause instanceof BadInputException) {
            err.println("edgenas: " + cause.getMessage());
            if (verbose) cause.printStackTrace(err);
            err.flush();
            return USAGE;
          }
          String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
          err.println("edgenas: " + message);
          if (verbose) cause.printStackTrace(err);
          err.flush();
          return FAILURE;
        });
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          err.println("edgenas: " + ex.getMessage());
          err.println("(see '" + ex.getCommandLine().getCommandName() + " --help')");
          err.flush();
          return USAGE;
        });
    String unknown = unknownCommand(cli, args);
    if (unknown != null) {
      err.println(unknown);
      err.flush();
      return USAGE;
    }
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * Why the command words of {@code args} name no command (e.g. {@code worker} in {@code edgenas
   * worker --help}), or null when they do. Words are read down the command tree, skipping options
   * and their values, until a command without subcommands is reached.
   */
  static String unknownCommand(CommandLine root, String... args) {
    CommandLine current = root;
    for (int i = 0; i < args.length && !current.getSubcommands().isEmpty(); i++) {
      String word = args[i];
      if (word.equals("--")) return null;
      if (word.startsWith("-")) {
        var option = current.getCommandSpec().findOption(word.contains("=") ? word.substring(0, word.indexOf('=')) : word);
        if (option != null && !word.contains("=") && option.arity().min() > 0) i++;
        continue;
      }
      CommandLine next = current.getSubcommands().get(word);
      if (next == null) {
        if (!current.getCommandSpec().positionalParameters().isEmpty()) return null;
        String path = current.getCommandSpec().qualifiedName();
        return path + ": unknown command '" + word + "' (the commands are " + String.join(", ", current.getSubcommands().keySet())
            + "; see '" + path + " --help')";
      }
      current = next;
    }
    return null;
  }
}
