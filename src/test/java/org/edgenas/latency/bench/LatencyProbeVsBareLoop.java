package org.edgenas.latency.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.edgenas.latency.ImageInput;
import org.edgenas.latency.LatencyMeasurement;
import org.edgenas.latency.LatencyStats;
import org.edgenas.latency.LocalOrtProbe;
import org.edgenas.latency.MachineFingerprint;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.edgenas.latency.OrtRuntime;
import org.edgenas.latency.TinyOnnxModels;

/**
 * Benchmark: does the probe report what a bare ONNX Runtime loop sees? For one ONNX file, with 1
 * and 2 intra-op threads, five rounds each of (a) {@link LocalOrtProbe} under the default protocol
 * and (b) a bare loop: a session with only the thread count set, 10 warm-up runs, then the same
 * number of {@code session.run} calls each timed, median taken. Prints the median of the five
 * medians of each, their ratio, and the spread (min..max of the five medians). Usage: {@code
 * LatencyProbeVsBareLoop [MODEL.onnx]}; without a file it writes and measures a small
 * Conv/Sigmoid model (images[1,3,64,64], 3 layers of 16 channels) to target/bench/tiny.onnx.
 */
public final class LatencyProbeVsBareLoop {
  private static final int ROUNDS = 5;
  private static final int BARE_WARMUP = 10;

  private LatencyProbeVsBareLoop() {}

  public static void main(String[] args) throws Exception {
    Path model = args.length > 0 ? Path.of(args[0]) : tinyModel();
    MeasurementProtocol base = MeasurementProtocol.DEFAULT;
    System.out.println("model " + model + "; protocol " + base);
    System.out.println(MachineFingerprint.local(OrtRuntime.version(), 1));
    System.out.println("load average before: " + loadAverage());
    System.out.printf(Locale.ROOT, "%7s %14s %14s %11s %22s %22s %8s%n", "threads", "probe med ms",
        "bare med ms", "probe/bare", "probe spread ms", "bare spread ms", "flagged");
    for (int threads : new int[] {1, 2}) {
      MeasurementProtocol protocol = base.with(Field.INTRA_OP_THREADS, threads);
      double[] probe = new double[ROUNDS];
      double[] bare = new double[ROUNDS];
      int flagged = 0;
      StringBuilder rounds = new StringBuilder();
      for (int round = 0; round < ROUNDS; round++) { // interleaved so drift hits both alike
        LatencyMeasurement m = new LocalOrtProbe(protocol).measure(model);
        probe[round] = m.stats().medianMs();
        if (m.unstable()) flagged++;
        bare[round] = bareLoopMedian(model, threads, protocol.repeats());
        rounds.append(String.format(Locale.ROOT, "  round %d: probe %.3f ms (cv %.1f%%, %d re-measures) bare %.3f ms%n",
            round + 1, probe[round], 100 * m.stats().cv(), m.retries(), bare[round]));
      }
      double probeMedian = medianOf(probe);
      double bareMedian = medianOf(bare);
      System.out.printf(Locale.ROOT, "%7d %14.3f %14.3f %11.3f %22s %22s %5d/%d%n", threads, probeMedian,
          bareMedian, probeMedian / bareMedian, spread(probe), spread(bare), flagged, ROUNDS);
      System.out.print(rounds);
    }
    System.out.println("load average after: " + loadAverage());
  }

  /** A plain session (only the thread count set), a few warm-up runs, then each run timed. */
  static double bareLoopMedian(Path model, int threads, int runs) throws OrtException {
    OrtEnvironment env = OrtRuntime.environment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        ImageInput input = ImageInput.of(model.toString(), session.getInputInfo());
        try (OnnxTensor tensor = input.tensor(env)) {
          Map<String, OnnxTensor> feed = Map.of(input.name(), tensor);
          for (int i = 0; i < BARE_WARMUP; i++) session.run(feed).close();
          double[] times = new double[runs];
          for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            OrtSession.Result result = session.run(feed);
            times[i] = (System.nanoTime() - start) / 1e6;
            result.close();
          }
          return LatencyStats.of(times).medianMs();
        }
      }
    }
  }

  private static double medianOf(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return LatencyStats.percentile(sorted, 50);
  }

  private static String spread(double[] medians) {
    double min = Arrays.stream(medians).min().orElseThrow();
    double max = Arrays.stream(medians).max().orElseThrow();
    return String.format(Locale.ROOT, "%.3f..%.3f (%.1f%%)", min, max, 100 * (max - min) / medianOf(medians));
  }

  private static String loadAverage() throws Exception {
    Path loadavg = Path.of("/proc/loadavg");
    return Files.isReadable(loadavg) ? Files.readString(loadavg).strip() : "unknown";
  }

  private static Path tinyModel() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    return TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.convSigmoid(64, 16, 3));
  }
}
