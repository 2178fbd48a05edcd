package org.edgenas.latency;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;

/**
 * The spread rule of a {@link MeasurementProtocol}: take a series; while its coefficient of
 * variation is above {@code maxCv} and retries are left, take a new series. The LAST series is the
 * result (no picking the best-looking one); it is unstable when its CV is still above the limit.
 */
public final class StableSeries {
  private StableSeries() {}

  /** What the rule produced: the reported series, how many re-measures it took, every CV seen. */
  public record Outcome(double[] timesMs, LatencyStats stats, int retries, List<Double> attemptCvs, boolean unstable) {
    public Outcome {
      timesMs = timesMs.clone();
      attemptCvs = List.copyOf(attemptCvs);
      if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, was " + retries);
    }

    @Override
    public double[] timesMs() {
      return timesMs.clone();
    }
  }

  /** Runs {@code series} under the protocol's repeats, max CV and max retries. */
  public static Outcome measure(MeasurementProtocol protocol, TimedSeries series) throws OrtException {
    List<Double> cvs = new ArrayList<>();
    int retries = 0;
    while (true) {
      double[] times = series.run(protocol.repeats());
      if (times.length != protocol.repeats()) {
        throw new IllegalStateException(
            "a timed series returned " + times.length + " times, expected " + protocol.repeats());
      }
      LatencyStats stats = LatencyStats.of(times);
      cvs.add(stats.cv());
      boolean over = stats.cv() > protocol.maxCv();
      if (!over || retries == protocol.maxRetries()) {
        return new Outcome(times, stats, retries, cvs, over);
      }
      retries++;
    }
  }
}
