package org.edgenas.latency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.common.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The device-side agent's own entry point: {@code java -cp ... org.edgenas.latency.AgentMain bench
 * MODEL.onnx [protocol options]} prints one {@link AgentReport} JSON line, like {@code edgenas agent
 * bench}, but needs only this package's runtime (ONNX Runtime, picocli, Jackson), so a device gets a
 * few jars instead of the whole tool. {@code serve} keeps running and measures one JSON request per
 * input line (see {@link AgentServer}). Exit codes: 0 ok, 1 failure, 2 bad input (message on stderr).
 */
@Command(name = "edgenas-agent", mixinStandardHelpOptions = true, subcommands = {AgentMain.Bench.class, AgentMain.Serve.class},
    description = "The edgenas device agent (machine-readable output).")
public final class AgentMain implements Runnable {
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: bench MODEL.onnx");
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(out, err, args));
  }

  /** Runs the agent with the given writers and returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new AgentMain()).setOut(out).setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> {
      err.println("edgenas-agent: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      err.flush();
      return ex instanceof BadInputException ? 2 : 1;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** {@code bench MODEL.onnx}: measures with {@link LocalOrtProbe} and prints one JSON line. */
  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure a model; print one JSON line.")
  static final class Bench implements Callable<Integer> {
    @Mixin ProtocolOptions protocolOptions;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model to measure.")
    Path model;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      LatencyMeasurement measurement = new LocalOrtProbe(protocolOptions.protocol()).measure(model);
      spec.commandLine().getOut().println(AgentReport.of(measurement).toJsonLine());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code serve}: the resident agent, one JSON request per input line, one JSON answer per line. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Measure one JSON request per stdin line; answer one JSON line each.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--thermal-script", paramLabel = "SH",
        description = "Shell script run as sh -c SH sh before|after around each measurement.")
    String thermalScript;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      try (AgentServer server = new AgentServer(thermalScript)) {
        return server.serve(in, spec.commandLine().getOut());
      }
    }
  }
}
