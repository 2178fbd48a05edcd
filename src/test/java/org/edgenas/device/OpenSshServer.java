package org.edgenas.device;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A REAL OpenSSH sshd on a free loopback port, run as the current user with its own ed25519 host
 * key, key-only login for one generated client key, {@code UsePAM no}, {@code StrictModes no} (keys
 * live in a temp folder) and internal SFTP. {@code prefix} runs sshd under another command (e.g.
 * {@code taskset -c 0}); every session and command inherits it. A missing sshd fails loudly.
 */
final class OpenSshServer implements AutoCloseable {
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  final Path dir;
  final int port;
  final Path clientKey;
  final PinnedHostKey hostKey;
  private final Process process;

  OpenSshServer(Path dir, List<String> prefix) throws Exception {
    if (!Files.isExecutable(SSHD)) {
      throw new AssertionError("OpenSSH sshd is required at " + SSHD + " for this integration test:"
          + " install it with 'apt-get install openssh-server' (.ci/run does)");
    }
    this.dir = Files.createDirectories(dir);
    Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation folder
    Path hostKeyFile = dir.resolve("ssh_host_ed25519_key");
    clientKey = dir.resolve("id_ed25519");
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "edgenas-test-host", "-f", hostKeyFile.toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "edgenas-test-client", "-f", clientKey.toString());
    hostKey = PinnedHostKey.parse(Files.readString(Path.of(hostKeyFile + ".pub")));
    Files.copy(Path.of(clientKey + ".pub"), dir.resolve("authorized_keys"));
    port = freePort();
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n",
        "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKeyFile, "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PubkeyAuthentication yes",
        "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password",
        "UsePAM no", "StrictModes no", "Subsystem sftp internal-sftp", "MaxSessions 50", "LogLevel ERROR", ""));
    List<String> command = new ArrayList<>(prefix);
    command.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()));
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sshd.log").toFile()).start();
    awaitListening();
  }

  /** A device on this server as the current user, working in {@code workdir}. */
  Device device(String name, DeviceRuntime runtime, Path workdir, String java) {
    return new Device(name, "127.0.0.1", port, System.getProperty("user.name"), clientKey.toString(), hostKey, runtime,
        1, workdir.toString(), 0, DeviceTimeouts.DEFAULT, null, java);
  }

  /**
   * A java wrapper in {@code dir} under a wall-clock CPU quota of one third: java runs 1 ms, is stopped
   * 2 ms (SIGSTOP/SIGCONT from a small python3 loop, as cpulimit does), until it exits; its stdin (the
   * resident agent's requests) and exit code are kept. The window is shorter than one inference, so
   * every timed run is slowed alike.
   */
  static Path quotaJava(Path dir, String java) throws Exception {
    Path wrapper = dir.resolve("java-one-third-cpu");
    String limiter = String.join("\n", "import os, signal, sys, time", "pid = int(sys.argv[1])", "while True:",
        "  time.sleep(0.001)", "  try:", "    os.kill(pid, signal.SIGSTOP); time.sleep(0.002); os.kill(pid, signal.SIGCONT)",
        "  except ProcessLookupError:", "    break");
    Files.writeString(wrapper, String.join("\n", "#!/bin/sh", "exec 3<&0",
        "'" + java + "' \"$@\" <&3 &",
        "pid=$!",
        "python3 -c '" + limiter + "' $pid >/dev/null 2>&1 &",
        "wait $pid", ""));
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
    return wrapper;
  }

  private void awaitListening() throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) throw new AssertionError("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("sshd did not listen on port " + port + ": " + Files.readString(dir.resolve("sshd.log")));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + out);
  }

  @Override
  public void close() {
    process.destroy(); // sshd -D: the listener; open sessions end with their clients
  }
}
