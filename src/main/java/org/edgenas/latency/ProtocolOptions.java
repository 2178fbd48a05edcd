package org.edgenas.latency;

import org.edgenas.common.BadInputException;
import org.edgenas.latency.MeasurementProtocol.Field;
import picocli.CommandLine.Option;

/**
 * The measurement protocol as command-line options (a picocli mixin), shared by {@code edgenas bench},
 * {@code edgenas agent bench} and the device agent {@link AgentMain}; options left out keep the
 * defaults of {@link MeasurementProtocol#DEFAULT}.
 */
public class ProtocolOptions {
  @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads = MeasurementProtocol.DEFAULT.intraOpThreads();

  @Option(names = "--warmup", paramLabel = "N", description = "At least N untimed warm-up runs (default: ${DEFAULT-VALUE}).")
  int warmup = MeasurementProtocol.DEFAULT.warmupIterations();

  @Option(names = "--warmup-seconds", paramLabel = "S", description = "Warm up for at least S seconds (default: ${DEFAULT-VALUE}).")
  double warmupSeconds = MeasurementProtocol.DEFAULT.warmupMinSeconds();

  @Option(names = "--repeats", paramLabel = "N", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int repeats = MeasurementProtocol.DEFAULT.repeats();

  @Option(names = "--max-cv", paramLabel = "CV", description = "Re-measure a series whose CV is above this (default: ${DEFAULT-VALUE}).")
  double maxCv = MeasurementProtocol.DEFAULT.maxCv();

  @Option(names = "--max-retries", paramLabel = "N", description = "Re-measure at most N times (default: ${DEFAULT-VALUE}).")
  int maxRetries = MeasurementProtocol.DEFAULT.maxRetries();

  /** The protocol the options describe; an out-of-range value is a {@link BadInputException}. */
  public MeasurementProtocol protocol() {
    MeasurementProtocol protocol = MeasurementProtocol.DEFAULT;
    protocol = with(protocol, "--threads", Field.INTRA_OP_THREADS, threads);
    protocol = with(protocol, "--warmup", Field.WARMUP_ITERATIONS, warmup);
    protocol = with(protocol, "--warmup-seconds", Field.WARMUP_MIN_SECONDS, warmupSeconds);
    protocol = with(protocol, "--max-cv", Field.MAX_CV, maxCv);
    protocol = with(protocol, "--max-retries", Field.MAX_RETRIES, maxRetries);
    return with(protocol, "--repeats", Field.REPEATS, repeats);
  }

  private static MeasurementProtocol with(MeasurementProtocol protocol, String option, Field field, double value) {
    String problem = field.problem(value);
    if (problem != null) throw new BadInputException("option " + option + ": " + problem);
    return protocol.with(field, value);
  }
}
