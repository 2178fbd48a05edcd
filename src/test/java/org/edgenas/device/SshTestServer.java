package org.edgenas.device;

import com.jcraft.jsch.JSch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-JVM SSH server (Apache MINA SSHD) on a random loopback port, with a freshly generated
 * ed25519 host key, public-key login for one generated client key, real {@code /bin/sh} commands
 * and SFTP on the local file system. Fault injection: a delay before every command, dropping all
 * sessions, and cutting the connection after N uploaded bytes. Like OpenSSH, it does NOT kill a
 * command when its channel closes.
 */
final class SshTestServer implements AutoCloseable {
  final SshServer server;
  final Path clientKey;
  final PinnedHostKey hostKey;
  final AtomicInteger sessionsCreated = new AtomicInteger();
  final AtomicInteger commandsRun = new AtomicInteger();
  final AtomicLong sftpBytesWritten = new AtomicLong();
  final AtomicInteger sftpWrites = new AtomicInteger();
  volatile Duration commandDelay = Duration.ZERO;
  /** When positive, the session is closed once an upload has written more than this many bytes. */
  volatile long dropUploadAfterBytes = -1;
  /** Environment variables set for every command (e.g. a PATH with fake device tools first). */
  volatile java.util.Map<String, String> commandEnv = java.util.Map.of();

  SshTestServer(Path dir) throws Exception {
    KeyPair hostPair = ed25519();
    hostKey = PinnedHostKey.parse(PublicKeyEntry.toString(hostPair.getPublic()));
    clientKey = dir.resolve("id_ed25519");
    com.jcraft.jsch.KeyPair client = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ED25519);
    try (OutputStream out = Files.newOutputStream(clientKey)) {
      client.writeOpenSSHv1PrivateKey(out, null);
    }
    Files.setPosixFilePermissions(clientKey, PosixFilePermissions.fromString("rw-------"));
    byte[] clientBlob = client.getPublicKeyBlob();
    client.dispose();

    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostPair));
    server.setPublickeyAuthenticator((user, key, session) -> Arrays.equals(blob(key), clientBlob));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
    server.setCommandFactory((channel, command) -> new ShellCommand(command));
    SftpSubsystemFactory sftp = new SftpSubsystemFactory();
    sftp.addSftpEventListener(new UploadCounter());
    server.setSubsystemFactories(List.of(sftp));
    server.addSessionListener(new SessionListener() {
      @Override
      public void sessionCreated(Session session) {
        sessionsCreated.incrementAndGet();
      }
    });
    server.start();
  }

  int port() {
    return server.getPort();
  }

  /** A device for this server, pinned to {@code pin}, working in {@code workdir}. */
  Device device(String name, PinnedHostKey pin, Path workdir) {
    return new Device(name, "127.0.0.1", port(), "tester", clientKey.toString(), pin, DeviceRuntime.EDGENAS_AGENT,
        0, workdir.toString(), 0, new DeviceTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
        Duration.ofSeconds(20)), null);
  }

  Device device(Path workdir) {
    return device("mina", hostKey, workdir);
  }

  /** Closes every session from the server side, as a rebooting device would. */
  void dropSessions() throws IOException {
    for (var s : server.getActiveSessions()) s.close(true);
  }

  static KeyPair ed25519() throws Exception {
    java.security.KeyPairGenerator gen = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
    gen.initialize(256);
    return gen.generateKeyPair();
  }

  static byte[] blob(PublicKey key) {
    return Base64.getDecoder().decode(PublicKeyEntry.toString(key).split(" ")[1]);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private final class UploadCounter implements SftpEventListener {
    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
        byte[] data, int dataOffset, int dataLen) throws IOException {
      sftpWrites.incrementAndGet();
      long total = sftpBytesWritten.addAndGet(dataLen);
      long limit = dropUploadAfterBytes;
      if (limit > 0 && total > limit) {
        session.close(true);
        throw new IOException("test server: connection cut after " + total + " bytes");
      }
    }
  }

  /** Runs the command with /bin/sh -c, optionally after a delay; leaves it running on destroy. */
  private final class ShellCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    ShellCommand(String command) {
      this.command = command;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
      this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
      commandsRun.incrementAndGet();
      Thread.ofPlatform().daemon().start(this::run);
    }

    private void run() {
      try {
        Thread.sleep(commandDelay);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(commandEnv);
        Process p = pb.start();
        p.getOutputStream().close();
        Thread errPump = Thread.ofVirtual().start(() -> pump(p.getErrorStream(), err));
        pump(p.getInputStream(), out);
        errPump.join();
        exit.onExit(p.waitFor());
      } catch (Exception e) {
        exit.onExit(255, String.valueOf(e.getMessage()));
      }
    }

    private static void pump(InputStream from, OutputStream to) {
      try {
        byte[] buf = new byte[8192];
        for (int n; (n = from.read(buf)) >= 0; ) {
          to.write(buf, 0, n);
          to.flush();
        }
      } catch (IOException channelGone) {
        // the client closed the channel; the process is left alone, as OpenSSH does
      }
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }

}
