package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.TinyOnnxModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runners end to end against the in-JVM SSH server running real shell commands: the real agent
 * (this JDK) timing a real ONNX model; trtexec and python onnxruntime through FAKE tools (no GPU and
 * no python3-onnxruntime on the test machines: fake-trtexec.sh and a fake onnxruntime module, both
 * in src/test/resources/device-runners); throttling through a fake vcgencmd first on PATH.
 */
class DeviceRunnersTest {
  static final MeasurementProtocol QUICK = new MeasurementProtocol(2, 0, 10, 1, 10, 0);
  @TempDir static Path dir;
  static SshTestServer server;
  static Path model;
  Path workdir;

  @BeforeAll
  static void start() throws Exception {
    server = new SshTestServer(dir);
    model = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void reset() throws Exception {
    server.commandEnv = Map.of();
    workdir = Files.createTempDirectory(dir, "work");
  }

  static String thisJava() {
    return System.getProperty("java.home") + "/bin/java";
  }

  @Test
  void agentMeasuresARealModelAndTheSecondRunUploadsNothing() {
    Device d = server.device(workdir).withJava(thisJava());
    RemoteMeasurement first;
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      first = probe.measure(model, RunRequest.of(QUICK));
    }
    assertEquals("edgenas-agent", first.runtime());
    assertTrue(first.runtimeVersion().startsWith("onnxruntime-java 1.29"), first.runtimeVersion());
    assertEquals(10, first.stats().n());
    assertTrue(first.stats().medianMs() > 0 && first.stats().medianMs() < 1000, first.describe());
    assertTrue(first.fingerprint().javaVersion().contains("25"), first.fingerprint().javaVersion());
    assertTrue(first.bytesUploaded() > 1_000_000, "the jars and the model go up first: " + first.bytesUploaded());
    assertTrue(first.deviceProcessMs() >= first.timedLoopMs(), first.describe());
    assertTrue(first.wallMs() >= first.deviceProcessMs(), first.describe());
    long written = server.sftpBytesWritten.get();
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      RemoteMeasurement second = probe.measure(model, RunRequest.of(QUICK));
      assertEquals(0, second.bytesUploaded());
      assertEquals(10, second.timesMs().size());
    }
    assertEquals(written, server.sftpBytesWritten.get(), "the second run sends no bytes");
  }

  @Test
  void agentRefusesAJavaOlderThan25() throws Exception {
    Path java17 = dir.resolve("old-java");
    Files.writeString(java17, "#!/bin/sh\necho 'openjdk version \"17.0.13\" 2024-10-15' >&2\n");
    Files.setPosixFilePermissions(java17, PosixFilePermissions.fromString("rwx------"));
    Device d = server.device(workdir).withJava(java17.toString());
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      RunnerSetupException e = assertThrows(RunnerSetupException.class, () -> probe.measure(model, RunRequest.of(QUICK)));
      assertTrue(e.getMessage().startsWith("device mina: java 17 is too old for the edgenas agent (needs 25"), e.getMessage());
    }
  }

  @Test
  void trtexecBuildsTheEngineOnceAndReadsTheExportedTimes() throws Exception {
    Path trt = fakeTrtexec();
    Device d = server.device(workdir);
    RunRequest int8 = new RunRequest(QUICK, Precision.INT8, 0);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new TrtexecRunner(trt.toString()))) {
      RemoteMeasurement built = probe.measure(model, int8);
      assertEquals(1.5, built.engineBuildSeconds());
      assertEquals("tensorrt 8.6.2", built.runtimeVersion());
      assertEquals("int8", built.precision());
      assertEquals(10, built.stats().n());
      assertEquals(7.71, built.stats().medianMs(), 1e-9);
      RemoteMeasurement loaded = probe.measure(model, int8);
      assertTrue(Double.isNaN(loaded.engineBuildSeconds()), "built once: " + loaded.engineBuildSeconds());
      assertEquals(10, loaded.stats().n());
    }
    List<String> calls = Files.readAllLines(Path.of(trt + ".args"));
    assertEquals(2, calls.size());
    assertTrue(calls.get(0).contains("--int8 --fp16") && calls.get(0).contains("--saveEngine="), calls.get(0));
    assertTrue(calls.get(0).contains("--iterations=10 --duration=0"), calls.get(0));
    assertTrue(calls.get(1).startsWith("--loadEngine=") && calls.get(1).contains("-int8.engine"), calls.get(1));
  }

  @Test
  void trtexecWithoutExportedTimesFallsBackToTheSummaryAndSaysSo() throws Exception {
    server.commandEnv = Map.of("FAKE_TRT_NO_TIMES", "1");
    Device d = server.device(workdir);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new TrtexecRunner(fakeTrtexec().toString()))) {
      RemoteMeasurement m = probe.measure(model, RunRequest.of(QUICK));
      assertEquals(List.of(7.71), m.timesMs());
      assertTrue(m.flags().contains(TrtexecRunner.SUMMARY_ONLY), m.flags().toString());
    }
  }

  @Test
  void pythonRunnerWithoutOnnxruntimeSaysSoClearly() {
    Device d = server.device(workdir);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new OrtPythonRunner())) {
      RunnerSetupException e = assertThrows(RunnerSetupException.class, () -> probe.measure(model, RunRequest.of(QUICK)));
      assertTrue(e.getMessage().contains("cannot import onnxruntime") && e.getMessage().contains("pip install onnxruntime"),
          e.getMessage());
    }
  }

  @Test
  void pythonRunnerScriptRunsWithAFakeOnnxruntimeModule() throws Exception {
    Path fakeModule = Path.of("src/test/resources/device-runners/fake_onnxruntime").toAbsolutePath();
    server.commandEnv = Map.of("PYTHONPATH", fakeModule.toString());
    Device d = server.device(workdir);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new OrtPythonRunner())) {
      RemoteMeasurement m = probe.measure(model, RunRequest.of(QUICK));
      assertEquals("onnxruntime 0.0-fake", m.runtimeVersion());
      assertEquals(10, m.stats().n());
      assertTrue(m.stats().minMs() >= 1.0, "each fake run sleeps 1 ms: " + m.stats().minMs());
      assertTrue(m.method().contains("1 threads, 10 timed runs"), m.method());
    }
  }

  @Test
  void aSeriesTakenWhileThrottledIsTakenAgainAndFlagged() throws Exception {
    Path bin = Files.createDirectories(workdir.resolve("bin"));
    Path vcgencmd = bin.resolve("vcgencmd");
    // throttled now (bit 2) for the first two reads (before and after the first series), then fine
    Files.writeString(vcgencmd, String.join("\n", "#!/bin/sh", "c=" + bin + "/count",
        "n=$(cat \"$c\" 2>/dev/null || echo 0); echo $((n + 1)) > \"$c\"",
        "case \"$1\" in measure_temp) echo \"temp=71.5'C\";;",
        " get_throttled) if [ \"$n\" -lt 4 ]; then echo throttled=0x40004; else echo throttled=0x40000; fi;; esac", ""));
    Files.setPosixFilePermissions(vcgencmd, PosixFilePermissions.fromString("rwx------"));
    server.commandEnv = Map.of("PATH", bin + ":" + System.getenv("PATH"));
    Device d = server.device(workdir);
    MeasurementProtocol twoRetries = new MeasurementProtocol(2, 0, 10, 1, 10, 2);
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new TrtexecRunner(fakeTrtexec().toString()))) {
      RemoteMeasurement m = probe.measure(model, RunRequest.of(twoRetries));
      assertEquals(1, m.retries(), m.describe());
      assertTrue(m.flags().contains("remeasured_throttled"), m.flags().toString());
      assertFalse(m.flags().contains(RemoteMeasurement.THROTTLED), "the reported series was not throttled");
      assertEquals(71.5, m.thermalBefore().socTemperatureC());
      assertTrue(m.thermalAfter().throttle().occurred().contains(org.edgenas.device.tools.ThrottleState.Flag.THROTTLED));
    }
  }

  private Path fakeTrtexec() throws Exception {
    Path trt = workdir.resolve("trtexec");
    Files.copy(Path.of("src/test/resources/device-runners/fake-trtexec.sh"), trt);
    Files.setPosixFilePermissions(trt, PosixFilePermissions.fromString("rwx------"));
    return trt;
  }
}
