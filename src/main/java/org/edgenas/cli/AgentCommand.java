package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.latency.AgentReport;
import org.edgenas.latency.LatencyMeasurement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas agent}: the commands the device runner starts on a device over SSH. Their stdout
 * is machine-read: one JSON line and nothing else; errors go to stderr with a non-zero exit.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = "Run the device-side commands that the device runner starts over SSH (machine-readable output).",
    subcommands = {AgentCommand.Bench.class})
public final class AgentCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (see edgenas agent --help)");
  }

  /** {@code edgenas agent bench MODEL.onnx}: measures like {@code bench} and prints one JSON line. */
  @Command(
      name = "bench",
      mixinStandardHelpOptions = true,
      description = {
        "Measure an ONNX model with ONNX Runtime and print one JSON line.",
        "The line reads:",
        "{\"runtime\":\"onnxruntime-java\",\"ort\":...,\"times_ms\":[...],\"flags\":[...],\"retries\":N,\"method\":...,\"protocol\":{...},\"fingerprint\":{...}}"
      })
  public static final class Bench implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin BenchCommand.ProtocolOptions protocolOptions;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model to measure.")
    Path model;

    @Override
    public Integer call() {
      LatencyMeasurement measurement = BenchCommand.bench(model, protocolOptions.protocol());
      PrintWriter out = spec.commandLine().getOut();
      out.println(AgentReport.of(measurement).toJsonLine());
      out.flush();
      return Main.OK;
    }
  }
}
