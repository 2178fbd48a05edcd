package org.edgenas.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command tree. Each subcommand is added here when it works. */
final class Commands {
  private Commands() {}

  static CommandLine build(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    // subcommands register here, e.g. cli.addSubcommand(new InspectCommand());
    cli.addSubcommand(new BenchCommand());
    cli.addSubcommand(new AgentCommand());
    cli.addSubcommand(new ExportCommand());
    return cli;
  }
}
