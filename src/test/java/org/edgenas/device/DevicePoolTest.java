package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.edgenas.latency.MeasurementProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device pool against two in-JVM SSH servers. The runner here is a small shell command that
 * sleeps 0.3 s and prints fixed times (the real runners are tested in DeviceRunnersTest); the SSH,
 * the probe, the retries and the quarantine are real. Device "a" is stopped after its first
 * measurement, as a device that drops off the network.
 */
class DevicePoolTest {
  static final PoolPolicy QUICK_BACKOFF = new PoolPolicy(3, Duration.ofMillis(100), 2, Duration.ofSeconds(1));
  static final RunRequest REQUEST = RunRequest.of(new MeasurementProtocol(0, 0, 3, 1, 10, 0));
  @TempDir Path dir;

  /** Prints an agent-like line of three times after 0.3 s; no upload. */
  static class SleepingRunner implements DeviceRunner {
    @Override
    public RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request) {
      return RunnerCommand.of("sleep 0.3; echo {}", "{\"times_ms\":[1.0,1.1,1.2]}");
    }

    @Override
    public RunnerOutput parse(Device device, ExecResult result, String stdout) {
      if (!result.ok()) throw new RemoteCommandException(device.name(), "sleeping runner", result);
      if (!stdout.contains("[1.0,1.1,1.2]")) throw new DeviceException(device.name(), "garbage: " + stdout);
      return new RunnerOutput(List.of(1.0, 1.1, 1.2), "test 1", "sleep 0.3 s", List.of(), Double.NaN);
    }

    @Override
    public DeviceRuntime runtime() {
      return DeviceRuntime.EDGENAS_AGENT;
    }
  }

  @Test
  void aDroppedDeviceIsRetriedThenQuarantinedWhileTheOtherGoesOnAndEarlierResultsStay() throws Exception {
    Path model = Files.writeString(dir.resolve("m.onnx"), "not read by the sleeping runner");
    try (SshTestServer a = new SshTestServer(Files.createDirectory(dir.resolve("a")));
        SshTestServer b = new SshTestServer(Files.createDirectory(dir.resolve("b")))) {
      Device da = a.device("a", a.hostKey, Files.createDirectory(dir.resolve("wa")));
      Device db = b.device("b", b.hostKey, Files.createDirectory(dir.resolve("wb")));
      List<DeviceLatencyProbe> probes = List.of(
          new DeviceLatencyProbe(new SshTransport(da), new SleepingRunner()),
          new DeviceLatencyProbe(new SshTransport(db), new SleepingRunner()));
      try (DevicePool pool = new DevicePool(probes, QUICK_BACKOFF)) {
        assertEquals(Map.of("a", true, "b", true), pool.healthCheck());
        List<CompletableFuture<RemoteMeasurement>> onA = new ArrayList<>();
        List<CompletableFuture<RemoteMeasurement>> onB = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          onA.add(pool.submit("a", model, REQUEST));
          onB.add(pool.submit("b", model, REQUEST));
        }
        RemoteMeasurement firstOnA = onA.get(0).join();
        long stopped = System.nanoTime();
        a.close(); // the device drops while its second measurement runs
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
            () -> onA.get(1).join());
        double toQuarantineMs = (System.nanoTime() - stopped) / 1e6;
        DeviceQuarantinedException q = assertInstanceOf(DeviceQuarantinedException.class, e.getCause());
        assertEquals("a", q.device());
        assertEquals(3, q.pending(), q.getMessage());
        assertTrue(q.getMessage().startsWith("device a: quarantined after repeated failures; 3 pending measurements"),
            q.getMessage());
        for (int i = 2; i < 4; i++) {
          int index = i;
          CompletionException later = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
              () -> onA.get(index).join());
          assertInstanceOf(DeviceQuarantinedException.class, later.getCause());
        }
        for (CompletableFuture<RemoteMeasurement> f : onB) assertEquals("b", f.join().device());
        assertEquals(List.of("a"), pool.quarantined());
        List<RemoteMeasurement> kept = pool.completed();
        assertEquals(5, kept.size(), "a's first and b's four");
        assertTrue(kept.contains(firstOnA));
        CompletionException afterwards = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
            () -> pool.submit("a", model, REQUEST).join());
        assertInstanceOf(DeviceQuarantinedException.class, afterwards.getCause());
        assertEquals(Map.of("a", false, "b", true), pool.healthCheck());
        System.out.printf("[bench] dropped device: quarantined %.0f ms after it dropped (policy %d attempts, back-off"
            + " %d ms x%.0f; waits alone %d ms)%n", toQuarantineMs, QUICK_BACKOFF.attempts(),
            QUICK_BACKOFF.initialBackoff().toMillis(), QUICK_BACKOFF.factor(), QUICK_BACKOFF.timeToQuarantine().toMillis());
      }
    }
  }

  @Test
  void anUnknownDeviceAndABadModelFailOnlyTheirOwnFutures() throws Exception {
    try (SshTestServer s = new SshTestServer(dir)) {
      Device d = s.device(Files.createDirectory(dir.resolve("w")));
      DeviceRunner failing = new SleepingRunner() {
        @Override
        public RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request) {
          return RunnerCommand.of("echo {} >&2; exit 2", "model.onnx: not a valid ONNX model");
        }
      };
      try (DevicePool pool = new DevicePool(List.of(new DeviceLatencyProbe(new SshTransport(d), failing)), QUICK_BACKOFF)) {
        CompletionException unknown = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
            () -> pool.submit("nope", dir, REQUEST).join());
        assertTrue(unknown.getCause().getMessage().contains("no device 'nope' in the pool (devices: mina)"));
        CompletionException bad = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
            () -> pool.submit("mina", Files.writeString(dir.resolve("model.onnx"), "x"), REQUEST).join());
        assertInstanceOf(RemoteCommandException.class, bad.getCause());
        assertEquals(1, s.commandsRun.get() - 1, "not retried (one fingerprint probe, one run)");
        assertEquals(List.of(), pool.quarantined());
      }
    }
  }
}
