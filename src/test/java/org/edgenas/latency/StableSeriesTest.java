package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class StableSeriesTest {
  private static final double[] STEADY = {10, 10.1, 9.9, 10}; // cv ≈ 0.8 %
  private static final double[] NOISY = {10, 30, 10, 30}; // cv ≈ 57.7 %

  /** A fake series: hands out the given series in order and counts the calls. */
  private static final class Scripted implements TimedSeries {
    final Deque<double[]> queue;
    int calls;

    Scripted(double[]... series) {
      queue = new ArrayDeque<>(List.of(series));
    }

    @Override
    public double[] run(int repeats) {
      calls++;
      return queue.removeFirst();
    }
  }

  private static MeasurementProtocol protocol(int maxRetries) {
    return new MeasurementProtocol(0, 0, 4, 1, 0.10, maxRetries);
  }

  @Test
  void steadySeriesIsTakenOnce() throws Exception {
    Scripted series = new Scripted(STEADY);
    StableSeries.Outcome outcome = StableSeries.measure(protocol(2), series);
    assertEquals(1, series.calls);
    assertEquals(0, outcome.retries());
    assertFalse(outcome.unstable());
    assertArrayEquals(STEADY, outcome.timesMs());
  }

  @Test
  void noisySeriesIsRemeasuredAndTheSteadyRetryReported() throws Exception {
    Scripted series = new Scripted(NOISY, STEADY);
    StableSeries.Outcome outcome = StableSeries.measure(protocol(2), series);
    assertEquals(2, series.calls);
    assertEquals(1, outcome.retries());
    assertFalse(outcome.unstable());
    assertArrayEquals(STEADY, outcome.timesMs());
    assertEquals(10.0, outcome.stats().medianMs(), 1e-9);
    assertEquals(2, outcome.attemptCvs().size());
    assertTrue(outcome.attemptCvs().get(0) > 0.5);
  }

  @Test
  void stillNoisyAfterAllRetriesIsFlaggedUnstableAndKeepsTheLastSeries() throws Exception {
    double[] lastNoisy = {5, 15, 5, 15};
    Scripted series = new Scripted(NOISY, NOISY, lastNoisy, STEADY);
    StableSeries.Outcome outcome = StableSeries.measure(protocol(2), series);
    assertEquals(3, series.calls, "1 first series + 2 retries, never a 4th");
    assertEquals(2, outcome.retries());
    assertTrue(outcome.unstable());
    assertArrayEquals(lastNoisy, outcome.timesMs());
    assertEquals(3, outcome.attemptCvs().size());
  }

  @Test
  void zeroRetriesFlagsAtOnce() throws Exception {
    Scripted series = new Scripted(NOISY, STEADY);
    StableSeries.Outcome outcome = StableSeries.measure(protocol(0), series);
    assertEquals(1, series.calls);
    assertTrue(outcome.unstable());
  }

  @Test
  void seriesOfTheWrongLengthIsAnError() {
    assertThrows(IllegalStateException.class,
        () -> StableSeries.measure(protocol(0), new Scripted(new double[] {1, 2})));
  }
}
