package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Random;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SshTransport against a real in-JVM SSH server running real shell commands. */
class SshTransportTest {
  @TempDir static Path dir;
  static SshTestServer server;
  Path workdir;

  @BeforeAll
  static void start() throws Exception {
    server = new SshTestServer(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void reset() throws Exception {
    server.commandDelay = Duration.ZERO;
    server.dropUploadAfterBytes = -1;
    workdir = Files.createTempDirectory(dir, "work");
  }

  @Test
  void hangingCommandHitsTheDeadlineAndTheDeviceSideTimeoutKillsIt() throws Exception {
    Path pidFile = workdir.resolve("sleep.pid");
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      DeviceTimeoutException e = assertThrows(DeviceTimeoutException.class,
          () -> ssh.exec(Duration.ofSeconds(2), "sleep 60 & echo $! > {}; wait", pidFile.toString()));
      assertTrue(e.getMessage().startsWith("device mina: command [sleep 60 & echo $! > {}; wait] did not finish"
          + " within the deadline of 2 s"), e.getMessage());
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (alive(pid) && System.nanoTime() < until) Thread.sleep(50);
      assertFalse(alive(pid), "the remote sleep (pid " + pid + ") must be killed by timeout -s KILL");
      assertEquals("ok\n", ssh.exec(Duration.ofSeconds(5), "echo ok").stdout(), "the session survives a timeout");
    }
  }

  @Test
  void nonZeroExitReportsTheCodeAndTheLastErrorLine() {
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> ssh.execOk(Duration.ofSeconds(5),
          "echo starting >&2; echo {} >&2; exit 3", "model.onnx: No such file or directory"));
      assertEquals(3, e.result().exitCode());
      assertEquals("device mina: command [echo starting >&2; echo {} >&2; exit 3] exited with code 3:"
          + " model.onnx: No such file or directory", e.getMessage());
    }
  }

  @Test
  void changedHostKeyIsRefusedWithBothFingerprints() throws Exception {
    PinnedHostKey other = PinnedHostKey.parse(
        org.apache.sshd.common.config.keys.PublicKeyEntry.toString(SshTestServer.ed25519().getPublic()));
    Device pinnedToOther = server.device("pi5", other, workdir);
    Device withSource = new Device("pi5", pinnedToOther.host(), pinnedToOther.port(), "tester",
        pinnedToOther.key(), other, DeviceRuntime.EDGENAS_AGENT, 0, workdir.toString(), 0, null,
        Path.of("devices/pi5.yaml"));
    int before = server.commandsRun.get();
    try (SshTransport ssh = new SshTransport(withSource)) {
      HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class,
          () -> ssh.exec(Duration.ofSeconds(5), "touch {}", workdir.resolve("pwned").toString()));
      assertEquals("device pi5: host key " + server.hostKey.fingerprint() + " does not match the pinned "
          + other.fingerprint() + " (devices/pi5.yaml); if the device was reinstalled, re-run edgenas devices add",
          e.getMessage());
    }
    assertEquals(before, server.commandsRun.get());
    assertFalse(Files.exists(workdir.resolve("pwned")));
  }

  @Test
  void aFingerprintOnlyPinIsEnough() {
    PinnedHostKey byFingerprint = PinnedHostKey.parse(server.hostKey.fingerprint());
    try (SshTransport ssh = new SshTransport(server.device("fp", byFingerprint, workdir))) {
      assertEquals("ok\n", ssh.execOk(Duration.ofSeconds(5), "echo ok").stdout());
    }
  }

  @Test
  void slowDeviceStillSucceedsWithinTheDeadline() {
    server.commandDelay = Duration.ofMillis(1500);
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      ExecResult r = ssh.execOk(Duration.ofSeconds(10), "echo {}", "slow but fine");
      assertEquals("slow but fine\n", r.stdout());
      assertEquals(0, r.exitCode());
    }
  }

  @Test
  void looseKeyPermissionsAreRefused() throws Exception {
    Path loose = dir.resolve("loose_key");
    Files.copy(server.clientKey, loose, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
    Device d = new Device("mina", "127.0.0.1", server.port(), "tester", loose.toString(), server.hostKey,
        DeviceRuntime.EDGENAS_AGENT, 0, workdir.toString(), 0, null, null);
    BadInputException e = assertThrows(BadInputException.class, () -> new SshTransport(d));
    assertEquals("key file " + loose + " has permissions 0644; must not be readable by group or others (chmod 600)",
        e.getMessage());
  }

  @Test
  void oneSessionServesManyCommandsAndIsReopenedAfterTheServerDropsIt() throws Exception {
    int before = server.sessionsCreated.get();
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      assertEquals("1\n", ssh.execOk(Duration.ofSeconds(5), "echo 1").stdout());
      assertEquals("2\n", ssh.execOk(Duration.ofSeconds(5), "echo 2").stdout());
      assertEquals(1, server.sessionsCreated.get() - before);
      assertEquals(1, ssh.sessionsOpened());
      server.dropSessions();
      assertEquals("3\n", ssh.execOk(Duration.ofSeconds(15), "echo 3").stdout());
      assertEquals(2, server.sessionsCreated.get() - before);
      assertEquals(2, ssh.sessionsOpened());
    }
  }

  @Test
  void argumentsArriveVerbatimHoweverNasty() {
    String[] nasty = {"it's", "$(touch " + workdir.resolve("injected") + ")", "`id`", "\"; exit 7; \"",
        "a\nb", "back\\slash", "*", "", "-n", "'", "''", "ünïcödé ✓", "$HOME", "; rm -rf {} ;"};
    String template = "printf '%s\\0'" + " {}".repeat(nasty.length);
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      String out = ssh.execOk(Duration.ofSeconds(5), template, nasty).stdout();
      assertEquals(String.join("\0", nasty) + "\0", out);
    }
    assertFalse(Files.exists(workdir.resolve("injected")));
  }

  @Test
  void secondUploadOfTheSameFileSendsNothing() throws Exception {
    Path model = randomFile("model.onnx", 300_000);
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      UploadResult first = ssh.upload(model);
      assertTrue(first.sent());
      assertEquals(workdir + "/cache/" + Sha256.hex(model) + ".onnx", first.remotePath());
      assertEquals(-1, Files.mismatch(model, Path.of(first.remotePath())));
      int writes = server.sftpWrites.get();
      long bytes = server.sftpBytesWritten.get();
      UploadResult second = ssh.upload(model);
      assertFalse(second.sent());
      assertEquals(first.remotePath(), second.remotePath());
      assertEquals(writes, server.sftpWrites.get());
      assertEquals(bytes, server.sftpBytesWritten.get());
    }
  }

  @Test
  void uploadCutMidwayLeavesNoCacheEntryAndARetrySucceeds() throws Exception {
    Path model = randomFile("big.onnx", 1 << 20);
    Path entry = workdir.resolve("cache").resolve(Sha256.hex(model) + ".onnx");
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      server.dropUploadAfterBytes = server.sftpBytesWritten.get() + 200_000;
      DeviceException e = assertThrows(DeviceException.class, () -> ssh.upload(model));
      assertTrue(e.getMessage().startsWith("device mina: upload of big.onnx failed"), e.getMessage());
      assertFalse(Files.exists(entry), "an interrupted upload must not leave a cache entry");
      server.dropUploadAfterBytes = -1;
      UploadResult retry = ssh.upload(model);
      assertTrue(retry.sent());
      assertEquals(-1, Files.mismatch(model, entry));
      RemoteCache.CleanReport clean = ssh.cleanWorkdir(Long.MAX_VALUE);
      assertEquals(1, clean.partialFilesRemoved());
      assertEquals(0, clean.entriesRemoved());
      assertTrue(Files.exists(entry));
    }
  }

  @Test
  void cleaningEvictsTheLeastRecentlyUsedEntriesBeyondTheCap() throws Exception {
    Path a = randomFile("a.onnx", 1000);
    Path b = randomFile("b.onnx", 1000);
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      UploadResult old = ssh.upload(a);
      Files.setLastModifiedTime(Path.of(old.remotePath()), java.nio.file.attribute.FileTime.fromMillis(0));
      UploadResult recent = ssh.upload(b);
      RemoteCache.CleanReport clean = ssh.cleanWorkdir(1500);
      assertEquals(1, clean.entriesRemoved());
      assertFalse(Files.exists(Path.of(old.remotePath())));
      assertTrue(Files.exists(Path.of(recent.remotePath())));
    }
  }

  @Test
  void garbageOnStdoutReachingAParserIsAClearError() {
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      ExecResult r = ssh.execOk(Duration.ofSeconds(5), "printf '\\001\\377binary junk\\n'; echo {}", "=== not it ===");
      org.edgenas.device.tools.DeviceOutputException e = assertThrows(
          org.edgenas.device.tools.DeviceOutputException.class,
          () -> org.edgenas.device.tools.TrtexecSummary.parse(r.stdout()));
      assertTrue(e.getMessage().startsWith("trtexec output: no '=== Performance summary ===' block; it began with: '"),
          e.getMessage());
      assertThrows(org.edgenas.device.tools.DeviceOutputException.class,
          () -> DeviceFingerprint.parse(ssh.device(), r.stdout()));
    }
  }

  @Test
  void probeFingerprintsTheDevice() throws Exception {
    try (SshTransport ssh = new SshTransport(server.device(workdir))) {
      DeviceFingerprint fp = DeviceProbe.run(ssh, Duration.ofSeconds(20));
      String arch = new String(new ProcessBuilder("uname", "-m").start().getInputStream().readAllBytes()).strip();
      assertEquals(arch, fp.arch());
      assertEquals(Runtime.getRuntime().availableProcessors(), fp.cpuCount());
      assertTrue(fp.memTotalMb() > 0 && fp.diskFreeMb() > 0, fp.describe());
      assertTrue(fp.runtimeVersion().startsWith("java "), fp.runtimeVersion());
    }
  }

  private Path randomFile(String name, int size) throws Exception {
    byte[] data = new byte[size];
    new Random(name.hashCode()).nextBytes(data);
    Path f = Files.createTempDirectory(dir, "local").resolve(name);
    Files.write(f, data);
    return f;
  }

  /** True while the process exists and is not a zombie. */
  static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (Exception gone) {
      return false;
    }
  }

  /** JSch answers null from openChannel on a session that cannot open channels: a failed open, never an NPE. */
  @Test
  void execOnASessionThatCannotOpenChannelsRunsOnAFreshSession() throws Exception {
    RefusingSessions faults = new RefusingSessions(n -> n == 1);
    try (SshTransport ssh = new SshTransport(server.device(workdir), faults)) {
      assertEquals("1\n", ssh.execOk(Duration.ofSeconds(5), "echo 1").stdout());
      faults.armed.set(true);
      assertEquals("2\n", ssh.execOk(Duration.ofSeconds(10), "echo 2").stdout());
      assertEquals(2, ssh.sessionsOpened());
    }
  }

  @Test
  void uploadOnASessionThatCannotOpenChannelsGoesThroughAFreshSession() throws Exception {
    Path model = randomFile("refusal.onnx", 50_000);
    RefusingSessions faults = new RefusingSessions(n -> n == 1);
    try (SshTransport ssh = new SshTransport(server.device(workdir), faults)) {
      assertEquals("ok\n", ssh.execOk(Duration.ofSeconds(5), "echo ok").stdout());
      faults.armed.set(true);
      UploadResult up = ssh.upload(model);
      assertEquals(-1, Files.mismatch(model, Path.of(up.remotePath())));
      assertEquals(2, ssh.sessionsOpened());
    }
  }

  @Test
  void everySessionRefusingIsAClearErrorAfterOneReconnect() throws Exception {
    RefusingSessions faults = new RefusingSessions(n -> true);
    faults.armed.set(true);
    try (SshTransport ssh = new SshTransport(server.device(workdir), faults)) {
      DeviceException e = assertThrows(DeviceException.class,
          () -> ssh.execOk(Duration.ofSeconds(10), "echo never"));
      assertTrue(e.getMessage().contains("could not open a new exec channel"), e.getMessage());
      assertEquals(2, ssh.sessionsOpened());
    }
  }
}
