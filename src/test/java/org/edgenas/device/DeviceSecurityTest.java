package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security properties of the device package: no code path accepts an unknown host key, and neither
 * logs nor stored measurements carry key material or key paths.
 */
class DeviceSecurityTest {
  static final Path SOURCES = Path.of("src/main/java/org/edgenas");
  @TempDir Path dir;

  @Test
  void noSourceTurnsHostKeyCheckingOffOrTrustsUnknownKeys() throws IOException {
    List<String> found = new ArrayList<>();
    Pattern checkingOff = Pattern.compile("StrictHostKeyChecking\"\\s*,\\s*\"(no|accept-new|off)\"");
    Pattern alwaysOk = Pattern.compile("int\\s+check\\s*\\([^)]*\\)\\s*\\{\\s*return\\s+(HostKeyRepository\\.)?OK\\s*;");
    Pattern repositories = Pattern.compile("implements\\s+HostKeyRepository|extends\\s+\\w*HostKeyRepository");
    List<String> repositoryClasses = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String text = Files.readString(f);
        if (checkingOff.matcher(text).find()) found.add(f + ": StrictHostKeyChecking turned off");
        if (alwaysOk.matcher(text).find()) found.add(f + ": a host key check that always says OK");
        if (text.contains("setConfig(\"StrictHostKeyChecking\"") && !text.contains("\"StrictHostKeyChecking\", \"yes\"")) {
          found.add(f + ": StrictHostKeyChecking set to something other than yes");
        }
        if (repositories.matcher(text).find()) repositoryClasses.add(f.getFileName().toString());
      }
    }
    assertEquals(List.of(), found);
    // HostKeyProbe's capture answers NOT_INCLUDED (the handshake aborts before authentication)
    assertEquals(List.of("HostKeyProbe.java", "NonLearningHostKeyRepository.java", "PinnedHostKeyRepository.java"),
        repositoryClasses.stream().sorted().toList(), "every host key repository is reviewed here");
  }

  @Test
  void theOnlyRepositoryRefusesAnyKeyButThePinnedOne() throws Exception {
    PinnedHostKey pinned = PinnedHostKey.parse(
        org.apache.sshd.common.config.keys.PublicKeyEntry.toString(SshTestServer.ed25519().getPublic()));
    byte[] other = SshTestServer.blob(SshTestServer.ed25519().getPublic());
    PinnedHostKeyRepository repo = new PinnedHostKeyRepository(pinned);
    assertEquals(com.jcraft.jsch.HostKeyRepository.CHANGED, repo.check("127.0.0.1", other));
    assertEquals(com.jcraft.jsch.HostKeyRepository.OK,
        repo.check("127.0.0.1", java.util.Base64.getDecoder().decode(pinned.keyBase64())));
  }

  @Test
  void logsAndMeasurementsCarryNoKeyMaterialOrKeyPath() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    String json;
    Path keyFile;
    try (SshTestServer server = new SshTestServer(dir)) {
      keyFile = server.clientKey;
      Device d = server.device(Files.createDirectory(dir.resolve("w")));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      DeviceLatencyProbe probe = new DeviceLatencyProbe(new SshTransport(d), new DevicePoolTest.SleepingRunner());
      try (DevicePool pool = new DevicePool(List.of(probe), DevicePoolTest.QUICK_BACKOFF)) {
        Path model = Files.writeString(dir.resolve("m.onnx"), "x");
        json = Json.line(pool.submit("mina", model, DevicePoolTest.REQUEST).join());
        server.close(); // the quarantine is logged at warn level with the last failure
        Throwable failure = pool.submit("mina", model, DevicePoolTest.REQUEST).handle((m, e) -> e).join();
        assertTrue(failure instanceof DeviceQuarantinedException, String.valueOf(failure));
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertTrue(logs.contains("device mina: quarantined after 3 attempts"), "the capture works: " + logs);
    String keyText = Files.readString(keyFile);
    String keyBody = keyText.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    for (String text : List.of(logs, json)) {
      assertFalse(text.contains(keyBody), "key content leaked");
      assertFalse(text.contains("PRIVATE KEY"), "key armour leaked");
      assertFalse(text.contains(keyFile.toString()), "key path leaked");
    }
  }
}
