package org.edgenas.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.edgenas.worker.ClusterWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgenas worker --temporal HOST:PORT --queue NAME --slots K}: one machine of a cluster. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run proxy evaluations for searches whose recipe names cluster: {temporal, queue, artifacts}.",
      "Polls the task queue for evaluation activities only and trains K candidates at a time, each in its own process.",
      "The artifact folder and any data.yaml of the searches must be reachable here under the driver's paths."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Option(names = "--temporal", required = true, paramLabel = "HOST:PORT", description = "The Temporal frontend.")
  String temporal;

  @Option(names = "--queue", required = true, paramLabel = "NAME", description = "The task queue (the recipe's cluster.queue).")
  String queue;

  @Option(names = "--slots", paramLabel = "K", description = "Candidates trained at once, one process each (default: ${DEFAULT-VALUE}).")
  int slots = 1;

  @Option(names = "--work", paramLabel = "DIR", description = "Where trained parents are kept (default: ${DEFAULT-VALUE}).")
  Path work = Path.of(System.getProperty("java.io.tmpdir"), "edgenas-worker");

  @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for an unreachable server (default: ${DEFAULT-VALUE}).")
  int waitSeconds = 60;

  @Override
  public Integer call() throws InterruptedException {
    if (Boolean.getBoolean("edgenas.exitWithParent")) {
      ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    }
    try (ClusterWorker worker = new ClusterWorker(temporal, queue, slots, work, Duration.ofSeconds(waitSeconds), spec.commandLine().getOut())) {
      worker.awaitTermination();
    }
    return Main.OK;
  }
}
