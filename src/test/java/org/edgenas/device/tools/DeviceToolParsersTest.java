package org.edgenas.device.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parsers against the samples in src/test/resources/device-tools (see the README there). */
class DeviceToolParsersTest {
  static String fixture(String name) {
    try (InputStream in = DeviceToolParsersTest.class.getResourceAsStream("/device-tools/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new AssertionError("missing fixture " + name, e);
    }
  }

  @Test
  void trtexecTrt8SummaryGivesEveryLineAndPercentile() {
    TrtexecSummary s = TrtexecSummary.parse(fixture("trtexec-trt8-summary.txt"));
    assertEquals(130.298, s.throughputQps());
    assertEquals(5.38672, s.latency().minMs());
    assertEquals(7.16092, s.latency().medianMs());
    assertEquals(12.9675, s.latency().percentile(99));
    assertEquals(10.2996, s.latency().percentile(90));
    assertEquals(7.14139, s.gpuCompute().medianMs());
    assertEquals(0.0065918, s.stats().get("H2D Latency").minMs());
    assertEquals(Set.of("Latency", "Enqueue Time", "H2D Latency", "GPU Compute Time", "D2H Latency"), s.stats().keySet());
    assertEquals(3.00082, s.totalHostWalltimeS());
    assertEquals(2.96536, s.totalGpuComputeS());
  }

  @Test
  void trtexecSummaryReadsTheLoggerPrefixAndAMessBefore() {
    String prefixed = "[I] building engine...\n[W] some warning\n" + fixture("trtexec-trt8-summary.txt").lines()
        .map(l -> "[10/03/2024-10:47:59] [I] " + l).collect(Collectors.joining("\n"));
    assertEquals(TrtexecSummary.parse(fixture("trtexec-trt8-summary.txt")), TrtexecSummary.parse(prefixed));
  }

  @Test
  void olderTrtexecWithOnlyThe99thPercentile() {
    TrtexecSummary s = TrtexecSummary.parse(fixture("trtexec-99only-summary.txt"));
    assertEquals(229.437, s.throughputQps());
    assertEquals(4.31201, s.latency().medianMs());
    assertEquals(5.21973, s.latency().percentile(99));
    assertTrue(Double.isNaN(s.latency().percentile(90)));
    assertEquals(8.60791, s.stats().get("End-to-End Host Latency").medianMs());
  }

  @Test
  void garbageInsteadOfATrtexecSummaryIsAClearError() {
    DeviceOutputException e = assertThrows(DeviceOutputException.class,
        () -> TrtexecSummary.parse("Segmentation fault (core dumped)\n"));
    assertEquals("trtexec output: no '=== Performance summary ===' block; it began with: "
        + "'Segmentation fault (core dumped)'", e.getMessage());
    DeviceOutputException bad = assertThrows(DeviceOutputException.class, () -> TrtexecSummary.parse(
        "=== Performance summary ===\nThroughput: 1 qps\nLatency: min = x ms, max = 2 ms, mean = 1 ms, median = 1 ms"));
    assertTrue(bad.getMessage().contains("'x' is not a number"), bad.getMessage());
  }

  @Test
  void exportTimesInBothGenerations() {
    TrtexecTimes t8 = TrtexecTimes.parse(fixture("trtexec-trt8-times.json"));
    assertEquals(TrtexecTimes.Format.TRT8, t8.format());
    assertEquals(List.of(7.2, 5.4, 13.3), t8.latencyMs());
    assertEquals(List.of(7.18, 5.38, 13.28), t8.computeMs());
    TrtexecTimes t7 = TrtexecTimes.parse(fixture("trtexec-trt7-times.json"));
    assertEquals(TrtexecTimes.Format.TRT7, t7.format());
    assertEquals(List.of(1.8, 1.75), t7.latencyMs());
    assertTrue(t7.includesWarmup());
    assertThrows(DeviceOutputException.class, () -> TrtexecTimes.parse("[{\"foo\": 1}]"));
    assertThrows(DeviceOutputException.class, () -> TrtexecTimes.parse("not json"));
  }

  @Test
  void vcgencmdTemperatureAndThrottleBits() {
    assertEquals(45.2, Vcgencmd.temperature(fixture("vcgencmd.txt")));
    ThrottleState s = ThrottleState.parse(fixture("vcgencmd.txt"));
    assertEquals(Set.of(ThrottleState.Flag.UNDER_VOLTAGE, ThrottleState.Flag.THROTTLED), s.current());
    assertEquals(Set.of(ThrottleState.Flag.UNDER_VOLTAGE, ThrottleState.Flag.THROTTLED), s.occurred());
    assertTrue(s.currentlyLimited());
    ThrottleState past = ThrottleState.parse("throttled=0x50000");
    assertEquals(Set.of(), past.current());
    assertEquals(Set.of(ThrottleState.Flag.UNDER_VOLTAGE, ThrottleState.Flag.THROTTLED), past.occurred());
    assertEquals("now: none; since boot: under-voltage, throttled", past.describe());
    assertEquals("ok", ThrottleState.parse("throttled=0x0").describe());
    assertEquals(Set.of(ThrottleState.Flag.ARM_FREQUENCY_CAPPED, ThrottleState.Flag.SOFT_TEMPERATURE_LIMIT),
        ThrottleState.parse("throttled=0x8000a").current());
    assertThrows(DeviceOutputException.class, () -> ThrottleState.parse("VCHI initialization failed"));
    assertThrows(DeviceOutputException.class, () -> Vcgencmd.temperature("temp=hot"));
  }

  @Test
  void nvpmodelQuery() {
    assertEquals(new NvpModel("MAXN_SUPER", 2), NvpModel.parse(fixture("nvpmodel-q.txt")));
    assertEquals(new NvpModel("15W", 0), NvpModel.parse("NV Power Mode: 15W\n0\n"));
    assertThrows(DeviceOutputException.class, () -> NvpModel.parse("nvpmodel: command not found"));
  }

  @Test
  void tegrastatsOnTx2WithOldRails() {
    Tegrastats t = Tegrastats.parse(fixture("tegrastats-tx2.txt"));
    assertEquals(1685, t.ramUsedMb());
    assertEquals(7854, t.ramTotalMb());
    assertEquals(List.of(0, 0, 0, 0, 0, 0), t.cpuLoadPercent());
    assertEquals(0, t.gpuLoadPercent());
    assertEquals(37.25, t.temperaturesC().get("Tdiode"));
    assertEquals(100.0, t.maxTemperatureC());
    assertEquals(8, t.temperaturesC().size());
    assertEquals(List.of("VDD_IN", "VDD_CPU", "VDD_GPU", "VDD_SOC", "VDD_WIFI", "VDD_DDR"), List.copyOf(t.powerRails().keySet()));
    assertEquals(1931, t.powerRails().get("VDD_IN")[0]);
  }

  @Test
  void tegrastatsOnOrinIgnoresDisabledSensorsAndReadsMilliwattRails() {
    Tegrastats t = Tegrastats.parse(fixture("tegrastats-orin-jp6.txt"));
    assertEquals(4321, t.ramUsedMb());
    assertEquals(12, t.cpuLoadPercent().size());
    assertEquals(0, t.gpuLoadPercent());
    assertEquals(Map.of("CPU", 44.562, "Tboard", 32.0, "SOC2", 40.093, "Tdiode", 33.0, "SOC0", 41.093,
        "tj", 44.343, "SOC1", 41.25), t.temperaturesC());
    assertEquals(List.of("VDD_GPU_SOC", "VDD_CPU_CV", "VIN_SYS_5V0", "VDDQ_VDD2_1V8AO"), List.copyOf(t.powerRails().keySet()));
    assertEquals(4025, t.powerRails().get("VIN_SYS_5V0")[1]);
  }

  @Test
  void tegrastatsWithAnOfflineCore() {
    Tegrastats t = Tegrastats.parse("RAM 100/3964MB (lfb 1x4MB) CPU [12%@1479,off,off,3%@1479] GR3D_FREQ 45%@921");
    assertEquals(12, t.cpuLoadPercent().get(0));
    assertNull(t.cpuLoadPercent().get(1));
    assertEquals(45, t.gpuLoadPercent());
    assertThrows(DeviceOutputException.class, () -> Tegrastats.parse("tegrastats: permission denied"));
  }

  @Test
  void onnxruntimePerfTestConvertsSecondsToMilliseconds() {
    OrtPerfTest p = OrtPerfTest.parse(fixture("ort-perf-test.txt"));
    assertEquals(8, p.runs());
    assertEquals(17.735, p.averageMs());
    assertEquals(15.9831, p.minMs(), 1e-9);
    assertEquals(16.7086, p.p50Ms(), 1e-9);
    assertEquals(23.2702, p.p99Ms(), 1e-9);
    assertEquals(56.3415, p.inferencesPerSecond());
    assertEquals(27.3071, p.sessionCreationMs(), 1e-9);
    DeviceOutputException e = assertThrows(DeviceOutputException.class,
        () -> OrtPerfTest.parse("Session creation time cost: 0.02 s\nTotal inference requests: 8\n"));
    assertTrue(e.getMessage().contains("no 'Runs:' line (was it run with -s?)"), e.getMessage());
  }
}
