package org.edgenas.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command tree. Each subcommand is added here when it works. */
final class Commands {
  private Commands() {}

  static CommandLine build(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand(new InspectCommand());
    cli.addSubcommand(new BenchCommand());
    cli.addSubcommand(new AgentCommand());
    cli.addSubcommand(new DatasetCommand());
    cli.addSubcommand(new DevicesCommand());
    cli.addSubcommand(new EvalCommand());
    cli.addSubcommand(new TrainCommand());
    cli.addSubcommand(new SupernetCommand());
    cli.addSubcommand(new ExportCommand());
    cli.addSubcommand(new ReportCommand());
    cli.addSubcommand(new SearchCommand()).addSubcommand(new ResumeCommand());
    cli.addSubcommand(new EvaluateCommand()).addSubcommand(new WorkerCommand());
    return cli;
  }
}
