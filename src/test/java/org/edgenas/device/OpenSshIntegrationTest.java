package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.cli.Main;
import org.edgenas.common.Json;
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.TinyOnnxModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edgenas-agent runner against REAL OpenSSH sshd instances on loopback (started here, run by
 * .ci/run in CI), timing real ONNX models with the real agent on Java 25. Two servers stand in for
 * two devices: "fast" may use every CPU; "slow" runs on CPU 0 only ({@code taskset -c 0}, inherited
 * by every session) and its agent runs under a CPU quota of one third: the device file's
 * {@code java} is a wrapper that starts the real java and then stops it for 2 ms of every 3 ms
 * (SIGSTOP/SIGCONT, as cpulimit does; a cgroup quota cannot be set in the test containers: cgroup
 * v1, read-only). The pauses follow the wall clock, not the scheduler, so the slow device is slower
 * whatever else the machine runs: every run spans pauses and takes about three times as long.
 */
class OpenSshIntegrationTest {
  static final MeasurementProtocol QUICK = new MeasurementProtocol(3, 0, 20, 1, 10, 0);
  @TempDir static Path dir;
  static OpenSshServer fast;
  static OpenSshServer slow;
  static Path tiny;

  @BeforeAll
  static void start() throws Exception {
    fast = new OpenSshServer(dir.resolve("fast"), List.of());
    slow = new OpenSshServer(dir.resolve("slow"), List.of("taskset", "-c", "0"));
    tiny = TinyOnnxModels.write(dir, "tiny.onnx", TinyOnnxModels.tinyImageModel());
  }

  @AfterAll
  static void stop() {
    if (fast != null) fast.close();
    if (slow != null) slow.close();
  }

  static String java25() {
    return System.getProperty("java.home") + "/bin/java";
  }

  @Test
  void agentMeasuresARealModelOverOpenSshAndTheCacheSavesTheUpload() throws Exception {
    Device d = fast.device("fast", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(dir.resolve("w1")), java25());
    long t0 = System.nanoTime();
    RemoteMeasurement first;
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      first = probe.measure(tiny, RunRequest.of(QUICK));
    }
    double firstMs = (System.nanoTime() - t0) / 1e6;
    assertEquals(20, first.stats().n());
    assertTrue(first.runtimeVersion().startsWith("onnxruntime-java"), first.runtimeVersion());
    assertTrue(first.fingerprint().javaVersion().contains("\"25"), first.fingerprint().javaVersion());
    assertTrue(first.bytesUploaded() > 1_000_000, "the jars go up once: " + first.bytesUploaded());
    List<Double> overheads = new ArrayList<>();
    List<Double> sshOnly = new ArrayList<>();
    List<Double> inProcess = new ArrayList<>();
    double secondMs;
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      long t1 = System.nanoTime();
      RemoteMeasurement second = probe.measure(tiny, RunRequest.of(QUICK));
      secondMs = (System.nanoTime() - t1) / 1e6;
      assertEquals(0, second.bytesUploaded(), "everything is in the device cache");
      for (int i = 0; i < 3; i++) { // the session is reused
        long s = System.nanoTime();
        RemoteMeasurement m = probe.measure(tiny, RunRequest.of(QUICK));
        double total = (System.nanoTime() - s) / 1e6;
        overheads.add(total - m.timedLoopMs());
        sshOnly.add(total - m.deviceProcessMs());
        inProcess.add(m.deviceProcessMs() - m.timedLoopMs());
      }
      assertEquals(1, probe.transport().sessionsOpened());
    }
    System.out.printf("[bench] OpenSSH loopback, edgenas-agent, tiny model: first run %.0f ms uploading %d bytes;"
        + " second run (new session, all cached) %.0f ms uploading 0 bytes%n", firstMs, first.bytesUploaded(), secondMs);
    System.out.printf("[bench] per measurement on a reused session: host time minus timed loop median %.0f ms %s;"
        + " of which SSH + host side (host time minus device process) median %.0f ms %s; agent time minus timed"
        + " loop (resident agent: warm-up and thermal reads) median %.0f ms%n", median(overheads), round(overheads),
        median(sshOnly), round(sshOnly), median(inProcess));
  }

  @Test
  void benchShowsTheSlowDeviceSlower() throws Exception {
    Path devices = Files.createDirectory(dir.resolve("devices"));
    DeviceInventory inventory = new DeviceInventory(devices);
    inventory.save(fast.device("fast", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(dir.resolve("wf")), java25()));
    inventory.save(slow.device("slow", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(dir.resolve("ws")),
        OpenSshServer.quotaJava(dir, java25()).toString()));
    Path model = TinyOnnxModels.write(dir, "medium.onnx", TinyOnnxModels.convSigmoid(64, 32, 3));
    JsonNode f = bench(model, "fast", devices);
    JsonNode s = bench(model, "slow", devices);
    double fastMedian = f.path("stats").path("median_ms").asDouble();
    double slowMedian = s.path("stats").path("median_ms").asDouble();
    System.out.printf("[bench] two devices over OpenSSH: fast median %.2f ms, slow (1/3 CPU quota) median %.2f ms%n",
        fastMedian, slowMedian);
    assertEquals("slow", s.path("device").asText());
    assertTrue(slowMedian > fastMedian, "slow " + slowMedian + " ms must exceed fast " + fastMedian + " ms");
  }

  @Test
  void aResidentAgentThatCannotStartIsTriedTwiceThenOneJvmPerMeasurementTakesOver() throws Exception {
    Path starts = dir.resolve("serve-starts");
    Path wrapper = dir.resolve("java-without-serve");
    Files.writeString(wrapper, String.join("\n", "#!/bin/sh",
        "case \" $* \" in *\" serve \"*) echo start >> '" + starts + "'; echo 'no resident agent here' >&2; exit 3;; esac",
        "exec '" + java25() + "' \"$@\"", ""));
    Files.setPosixFilePermissions(wrapper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Device d = fast.device("fallback", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(dir.resolve("wfb")),
        wrapper.toString());
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      for (int i = 0; i < 2; i++) {
        RemoteMeasurement m = probe.measure(tiny, RunRequest.of(QUICK));
        assertEquals(20, m.stats().n());
        assertTrue(m.deviceProcessMs() > m.timedLoopMs(), "measured by a JVM of its own: " + m.describe());
      }
    }
    assertEquals(2, Files.readAllLines(starts).size(), "started once, re-started once, then never again");
  }

  @Test
  void aRequestTheResidentAgentNeverAnswersTimesOutKillsItAndTheNextRequestStartsANewOne() throws Exception {
    // The first resident agent says it is ready, reads the request and hangs (its pid is the sleep's);
    // later starts run the real agent.
    Path hungPid = dir.resolve("hung-agent-pid");
    Path starts = dir.resolve("hanging-serve-starts");
    Path wrapper = dir.resolve("java-hanging-once");
    Files.writeString(wrapper, String.join("\n", "#!/bin/sh",
        "case \" $* \" in *\" serve \"*)",
        "  echo start >> '" + starts + "'",
        "  if [ ! -e '" + hungPid + "' ]; then",
        "    echo $$ > '" + hungPid + "'",
        "    echo '{\"ready\": true, \"pid\": '$$'}'",
        "    read request",
        "    exec sleep 600",
        "  fi;;",
        "esac",
        "exec '" + java25() + "' \"$@\"", ""));
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    Device plain = fast.device("hangs", DeviceRuntime.EDGENAS_AGENT, Files.createDirectory(dir.resolve("whang")),
        wrapper.toString());
    Duration commandDeadline = Duration.ofSeconds(8);
    Device d = new Device(plain.name(), plain.host(), plain.port(), plain.user(), plain.key(), plain.hostKey(),
        plain.runtime(), plain.threads(), plain.workdir(), 0, new DeviceTimeouts(Duration.ofSeconds(10), commandDeadline,
        Duration.ofMinutes(5)), null, plain.java());
    try (DeviceLatencyProbe probe = new DeviceLatencyProbe(d)) {
      long t0 = System.nanoTime();
      DeviceTimeoutException timeout = assertThrows(DeviceTimeoutException.class, () -> probe.measure(tiny, RunRequest.of(QUICK)));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(timeout.getMessage().contains("resident agent"), timeout.getMessage());
      assertTrue(seconds >= commandDeadline.toSeconds() - 0.5, "gave up after " + seconds + " s, before the deadline");
      long pid = Long.parseLong(Files.readString(hungPid).strip());
      assertTrue(waitUntilGone(pid, Duration.ofSeconds(10)), "the hung agent (pid " + pid + ") was not killed");

      RemoteMeasurement next = probe.measure(tiny, RunRequest.of(QUICK));
      assertEquals(20, next.stats().n());
      assertEquals(2, Files.readAllLines(starts).size(), "a new resident agent for the next request");
      RemoteMeasurement third = probe.measure(tiny, RunRequest.of(QUICK));
      assertEquals(20, third.stats().n());
      assertEquals(2, Files.readAllLines(starts).size(), "the new agent stays resident");
    }
  }

  private static boolean waitUntilGone(long pid, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < end) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) Thread.sleep(100);
      else return true;
    }
    return false;
  }

  @Test
  void benchNamesAnUnknownDeviceAndTheKnownOnes() throws Exception {
    Path devices = Files.createDirectory(dir.resolve("devices-unknown"));
    new DeviceInventory(devices).save(fast.device("fast", DeviceRuntime.EDGENAS_AGENT, dir, java25()));
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "bench", tiny.toString(),
        "--device", "pi9", "--devices-dir", devices.toString());
    assertEquals(2, code);
    assertTrue(err.toString().startsWith("edgenas: no device 'pi9': " + devices.resolve("pi9.yaml")
        + " does not exist (known devices: fast)"), err.toString());
  }

  private static JsonNode bench(Path model, String device, Path devices) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", model.toString(), "--device", device,
        "--devices-dir", devices.toString(), "--json", "--threads", "1", "--warmup", "3", "--warmup-seconds", "0.2",
        "--repeats", "15");
    assertEquals(0, code, err.toString());
    return Json.mapper().readTree(out.toString());
  }

  private static double median(List<Double> v) {
    List<Double> s = v.stream().sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static List<Long> round(List<Double> v) {
    return v.stream().map(Math::round).toList();
  }
}
