package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.device.DeviceInventory;
import org.edgenas.device.DeviceTestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edgenas devices add/list/check against an in-JVM SSH server. */
class DevicesCommandTest {
  @TempDir static Path tmp;
  static DeviceTestServers.Handle server;

  @BeforeAll
  static void start() throws Exception {
    server = DeviceTestServers.start(tmp);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  String[] add(Path dir, int expected, String name, String... extra) {
    String[] base = {"devices", "add", name, "--dir", dir.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(server.port()), "--user", "tester", "--key", server.clientKey().toString(),
        "--workdir", dir.resolve("remote").toString()};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra))
        .toArray(String[]::new);
    return MainTest.runCapture(expected, args);
  }

  @Test
  void addWithTheRightFingerprintWritesAFileThatChecksOut() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "devices");
    String[] out = add(dir, 0, "box", "--host-key-fingerprint", server.fingerprint());
    assertTrue(out[0].contains("offers host key ssh-ed25519 " + server.fingerprint()), out[0]);
    assertTrue(out[0].contains("login as tester works"), out[0]);
    assertEquals(server.fingerprint(), new DeviceInventory(dir).get("box").hostKey().fingerprint());

    String[] list = MainTest.runCapture(0, "devices", "list", "--dir", dir.toString());
    assertTrue(list[0].contains("box") && list[0].contains(server.fingerprint()), list[0]);

    String[] check = MainTest.runCapture(0, "devices", "check", "--dir", dir.toString());
    String arch = new String(new ProcessBuilder("uname", "-m").start().getInputStream().readAllBytes()).strip();
    assertTrue(check[0].contains("box (tester@127.0.0.1:" + server.port() + ")"), check[0]);
    assertTrue(check[0].contains("system:        " + arch), check[0]);
    assertTrue(check[0].contains("runtime:       edgenas-agent: java "), check[0]);
  }

  @Test
  void aWrongFingerprintWritesNothing() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "devices");
    String[] out = add(dir, 1, "box", "--host-key-fingerprint", "SHA256:9CMZfKjiLe9XS7dGItBrkQaWcGMJXV+wll4bqEzwwiY");
    assertTrue(out[1].contains("does not match the given SHA256:9CMZ"), out[1]);
    assertFalse(Files.exists(dir.resolve("box.yaml")));
  }

  @Test
  void interactiveAddPinsOnlyAfterYes() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "devices");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
      assertTrue(add(dir, 1, "box")[0].contains("nothing written"));
      assertFalse(Files.exists(dir.resolve("box.yaml")));
      System.setIn(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)));
      assertTrue(add(dir, 0, "box")[0].contains("[y/N]"));
      assertTrue(Files.exists(dir.resolve("box.yaml")));
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void anUnreachableDeviceGetsOneSentenceAndTheOthersAreStillChecked() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "devices");
    add(dir, 0, "good", "--yes");
    String good = Files.readString(dir.resolve("good.yaml"));
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Files.writeString(dir.resolve("agone.yaml"), good.replace("name: good", "name: agone")
        .replace("port: " + server.port(), "port: " + closedPort));
    String[] out = MainTest.runCapture(1, "devices", "check", "--dir", dir.toString());
    assertEquals("device agone: cannot connect to tester@127.0.0.1:" + closedPort + ": connection refused",
        out[1].strip());
    assertTrue(out[0].contains("good (tester@127.0.0.1"), out[0]);
  }

  @Test
  void checkingAnUnknownDeviceIsBadInput() throws Exception {
    Path dir = Files.createTempDirectory(tmp, "devices");
    String[] out = MainTest.runCapture(2, "devices", "check", "nope", "--dir", dir.toString());
    assertTrue(out[1].contains("no device 'nope'"), out[1]);
  }
}
