package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.edgenas.run.Run;
import org.junit.jupiter.api.Test;

/** Every plot's axes read as distinct plain numbers, whatever the data; no points, no plot. */
class ReportChartsTest {
  @Test
  void aConstantSeriesGetsDistinctPlainTicks() {
    List<RunStatistics.PerGeneration> tau = List.of(new RunStatistics.PerGeneration(1, 1 / 3.0, 3),
        new RunStatistics.PerGeneration(2, 1 / 3.0, 3), new RunStatistics.PerGeneration(3, 1 / 3.0, 3));
    ReportCharts.Picture p = ReportCharts.draw(ReportCharts.perGeneration("t", "Kendall τ", "tau", tau, null));
    assertReadable(p.yTicks());
    assertReadable(p.xTicks());
    assertTrue(p.xTicks().containsAll(List.of("1", "2", "3")), p.xTicks().toString());
  }

  @Test
  void onePointGetsAnAxisAroundIt() {
    List<RunStatistics.PerGeneration> one = List.of(new RunStatistics.PerGeneration(0, 0.0, 1));
    ReportCharts.Picture p = ReportCharts.draw(ReportCharts.perGeneration("t", "hypervolume", "hv", one, null));
    assertReadable(p.yTicks());
    assertTrue(p.yTicks().contains("0.0") || p.yTicks().contains("0.00") || p.yTicks().contains("0"), p.yTicks().toString());
    assertEquals(List.of("0"), p.xTicks());
  }

  @Test
  void largeConstantValuesKeepPlainDigits() {
    List<RunStatistics.PerGeneration> big = List.of(new RunStatistics.PerGeneration(0, 1_234_567, 1), new RunStatistics.PerGeneration(1, 1_234_567, 1));
    assertReadable(ReportCharts.draw(ReportCharts.perGeneration("t", "params", "p", big, null)).yTicks());
  }

  @Test
  void theFrontOfEveryDeviceOfTheFixtureHasReadableAxesAndADeviceWithoutValuesHasNoPlot() {
    Run run = Run.read(FixtureRun.DIR);
    for (String device : run.devices()) {
      ReportCharts.Picture p = ReportCharts.draw(ReportCharts.front(run, device, run.front()));
      assertReadable(p.xTicks());
      assertReadable(p.yTicks());
    }
    assertNull(ReportCharts.front(run, "jetson", run.front()), "no evaluation has a latency on jetson");
  }

  /** At least two tick labels, all different, none in scientific notation. */
  static void assertReadable(List<String> ticks) {
    assertTrue(ticks.size() >= 2 || ticks.size() == 1 && ticks.getFirst().matches("-?\\d+"), "too few ticks: " + ticks);
    assertEquals(ticks.size(), new HashSet<>(ticks).size(), "repeated tick labels: " + ticks);
    assertTrue(ticks.stream().noneMatch(t -> t.matches(".*\\dE-?\\d.*")), "scientific notation: " + ticks);
  }
}
