package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {
  private static final double EPS = 1e-9;

  @Test
  void fourValuesMatchHandComputedInterpolation() {
    // sorted 1,2,3,4: median at h=1.5 → 2.5; p90 at h=2.7 → 3.7; p99 at h=2.97 → 3.97
    LatencyStats s = LatencyStats.of(new double[] {4, 1, 3, 2});
    assertEquals(4, s.n());
    assertEquals(1, s.minMs(), EPS);
    assertEquals(2.5, s.medianMs(), EPS);
    assertEquals(3.7, s.p90Ms(), EPS);
    assertEquals(3.97, s.p99Ms(), EPS);
    assertEquals(4, s.maxMs(), EPS);
    assertEquals(2.5, s.meanMs(), EPS);
    // sample variance: (2.25+0.25+0.25+2.25)/3 = 5/3
    assertEquals(Math.sqrt(5.0 / 3.0), s.stdevMs(), EPS);
    assertEquals(Math.sqrt(5.0 / 3.0) / 2.5, s.cv(), EPS);
  }

  @Test
  void oddCountMedianIsTheMiddleValue() {
    // sorted 10,20,30,40,100: median 30; p90 at h=3.6 → 40+0.6*60 = 76; mean 40
    LatencyStats s = LatencyStats.of(List.of(100.0, 20.0, 40.0, 10.0, 30.0));
    assertEquals(30, s.medianMs(), EPS);
    assertEquals(76, s.p90Ms(), EPS);
    assertEquals(40, s.meanMs(), EPS);
    // deviations -30,-20,-10,0,60 → squares 900+400+100+0+3600 = 5000, /4 = 1250
    assertEquals(Math.sqrt(1250), s.stdevMs(), EPS);
  }

  @Test
  void elevenValuesPercentilesLandOnRanks() {
    double[] times = new double[11];
    for (int i = 0; i < 11; i++) times[i] = i; // 0..10: p-th percentile is exactly p/10
    assertEquals(5, LatencyStats.of(times).medianMs(), EPS);
    assertEquals(9, LatencyStats.of(times).p90Ms(), EPS);
    assertEquals(9.9, LatencyStats.of(times).p99Ms(), EPS);
  }

  @Test
  void singleValueHasZeroSpread() {
    LatencyStats s = LatencyStats.of(new double[] {2.5});
    assertEquals(2.5, s.medianMs(), EPS);
    assertEquals(2.5, s.p99Ms(), EPS);
    assertEquals(0, s.stdevMs(), EPS);
    assertEquals(0, s.cv(), EPS);
  }

  @Test
  void rejectsEmptyNegativeAndNonFiniteTimes() {
    assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new double[0]));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new double[] {1, -1}))
        .getMessage().contains("-1"));
    assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new double[] {1, Double.NaN}));
  }

  @Test
  void percentileRejectsOutOfRangeP() {
    assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(new double[] {1}, 101));
  }

  @Test
  void jsonUsesSnakeCaseMillisecondKeysAndRoundTrips() throws Exception {
    LatencyStats s = LatencyStats.of(new double[] {1, 2, 3, 4});
    JsonNode node = Json.mapper().readTree(Json.line(s));
    assertEquals(2.5, node.get("median_ms").asDouble(), EPS);
    assertEquals(4, node.get("n").asInt());
    assertTrue(node.has("p90_ms") && node.has("p99_ms") && node.has("stdev_ms") && node.has("cv"));
    assertEquals(s, Json.mapper().readValue(Json.line(s), LatencyStats.class));
  }
}
