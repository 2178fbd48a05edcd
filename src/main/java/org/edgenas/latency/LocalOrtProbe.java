package org.edgenas.latency;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;

/**
 * Measures an ONNX file on this machine with ONNX Runtime Java (CPU) under a {@link
 * MeasurementProtocol}: one session with the protocol's intra-op threads, one inter-op thread,
 * sequential execution and every graph optimisation; the input is the model's image input filled
 * with seeded values; warm-up runs until both the count and the minimum seconds are reached; each
 * timed run is {@code System.nanoTime()} around {@code session.run} alone, its outputs closed after
 * the clock stops; the {@link StableSeries} rule re-measures a series whose spread is too wide.
 */
public final class LocalOrtProbe {
  private final MeasurementProtocol protocol;

  public LocalOrtProbe(MeasurementProtocol protocol) {
    this.protocol = protocol;
  }

  public MeasurementProtocol protocol() {
    return protocol;
  }

  /**
   * Measures the model. A missing file, a file ONNX Runtime cannot load and a model whose input is
   * not a float [1,3,H,W] tensor are {@link BadInputException}s; a failure while running is an
   * {@link IllegalStateException}.
   */
  public LatencyMeasurement measure(Path onnx) {
    OrtEnvironment env = OrtRuntime.environment();
    try (SessionOptions options = sessionOptions(protocol.intraOpThreads());
        OrtSession session = open(env, onnx, options)) {
      return measure(session, onnx);
    } catch (OrtException e) {
      throw new IllegalStateException(onnx + ": ONNX Runtime failed while measuring (" + firstLine(e) + ")", e);
    }
  }

  /**
   * Measures on a session already open on {@code onnx} (the resident agent keeps one per model);
   * the session must have been opened with {@link #sessionOptions} of this protocol's threads.
   */
  public LatencyMeasurement measure(OrtSession session, Path onnx) {
    String name = onnx.getFileName() == null ? onnx.toString() : onnx.getFileName().toString();
    OrtEnvironment env = OrtRuntime.environment();
    try {
      ImageInput input = ImageInput.of(onnx.toString(), session.getInputInfo());
      try (OnnxTensor tensor = input.tensor(env)) {
        Map<String, OnnxTensor> feed = Map.of(input.name(), tensor);
        warmUp(session, feed);
        StableSeries.Outcome outcome = StableSeries.measure(protocol, repeats -> timedRuns(session, feed, repeats));
        String ortVersion = env.getVersion();
        MachineFingerprint machine = MachineFingerprint.local(ortVersion, protocol.intraOpThreads());
        List<String> flags = new ArrayList<>();
        if (outcome.unstable()) flags.add(LatencyMeasurement.UNSTABLE);
        if (protocol.intraOpThreads() > machine.cores()) flags.add(LatencyMeasurement.OVERSUBSCRIBED);
        return new LatencyMeasurement(
            name, input.name(), input.shape(), outcome.stats(),
            Arrays.stream(outcome.timesMs()).boxed().toList(), protocol, flags,
            outcome.retries(), outcome.attemptCvs(), MethodText.method(ortVersion, protocol), machine);
      }
    } catch (OrtException e) {
      throw new IllegalStateException(onnx + ": ONNX Runtime failed while measuring (" + firstLine(e) + ")", e);
    }
  }

  /** Session options of the protocol: intra-op threads as given, inter-op 1, sequential, all optimisations. */
  public static SessionOptions sessionOptions(int intraOpThreads) throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  /** Opens a session on the file; a missing or unloadable file is a {@link BadInputException}. */
  public static OrtSession open(OrtEnvironment env, Path onnx, SessionOptions options) {
    if (!Files.exists(onnx)) throw new BadInputException(onnx + ": no such file (expected an ONNX model)");
    if (!Files.isRegularFile(onnx)) throw new BadInputException(onnx + ": not a file (expected an ONNX model)");
    try {
      return env.createSession(onnx.toString(), options);
    } catch (OrtException e) {
      throw new BadInputException(onnx + ": not a valid ONNX model (" + firstLine(e) + ")", e);
    }
  }

  private void warmUp(OrtSession session, Map<String, OnnxTensor> feed) throws OrtException {
    long minNanos = (long) (protocol.warmupMinSeconds() * 1e9);
    long start = System.nanoTime();
    for (int i = 0; i < protocol.warmupIterations() || System.nanoTime() - start < minNanos; i++) {
      session.run(feed).close(); // outputs are discarded; closing frees their native memory
    }
  }

  private static double[] timedRuns(OrtSession session, Map<String, OnnxTensor> feed, int repeats) throws OrtException {
    double[] times = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      OrtSession.Result outputs = session.run(feed);
      long elapsed = System.nanoTime() - start;
      outputs.close();
      times[i] = elapsed / 1e6;
    }
    return times;
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }
}
