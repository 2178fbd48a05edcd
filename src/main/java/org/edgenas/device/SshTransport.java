package org.edgenas.device;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH connection to one device. One session is kept open (with keep-alives) and re-opened when
 * it dropped. The server must present the pinned host key; there is no other way in. Every remote
 * command is a {@link RemoteCommand}, run under {@code timeout -s KILL} on the device and a
 * client-side deadline here.
 *
 * <pre>{@code
 * try (SshTransport ssh = new SshTransport(device)) {
 *   ExecResult r = ssh.exec(Duration.ofSeconds(30), "cat {}", "/etc/os-release");
 *   UploadResult model = ssh.upload(Path.of("model.onnx"));
 * }
 * }</pre>
 */
public final class SshTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SshTransport.class);
  /** Output kept per stream of one command; more is cut off and flagged. */
  public static final int OUTPUT_LIMIT = 4 << 20;

  private final Device device;
  private final Path keyFile;
  private final PinnedHostKeyRepository hostKeys;
  private final Consumer<JSch> configure;
  private Session session;
  private int sessionsOpened;
  private RemoteCache cache;
  private final AtomicLong bytesSent = new AtomicLong();

  /** Checks the key file now (permissions); connects lazily on first use. */
  public SshTransport(Device device) {
    this(device, jsch -> {});
  }

  /** As the public constructor; {@code configure} sees each new JSch before it connects (tests inject faults). */
  SshTransport(Device device, Consumer<JSch> configure) {
    this.device = device;
    this.keyFile = KeyFiles.requirePrivate(device.key());
    this.hostKeys = new PinnedHostKeyRepository(device.hostKey());
    this.configure = configure;
  }

  public Device device() {
    return device;
  }

  /** Runs {@code template} with {@code args} quoted in, bounded by {@code deadline}. */
  public ExecResult exec(Duration deadline, String template, String... args) {
    return exec(RemoteCommand.of(template, args), deadline);
  }

  /**
   * Runs {@code command} as {@code timeout -s KILL N sh -c '...'}. Returns whatever the exit code;
   * throws {@link DeviceTimeoutException} when the deadline passes (the channel is closed, the
   * device-side timeout kills the process) and {@link DeviceException} when the device cannot be
   * reached.
   */
  public ExecResult exec(RemoteCommand command, Duration deadline) {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    LOG.debug("device {}: exec [{}] deadline {}", device.name(), command, deadline);
    BoundedOutput out = new BoundedOutput(OUTPUT_LIMIT);
    BoundedOutput err = new BoundedOutput(OUTPUT_LIMIT);
    ChannelExec channel = startExec(command, deadline, end, c -> {
      c.setInputStream(new ByteArrayInputStream(new byte[0]));
      c.setOutputStream(out, true);
      c.setErrStream(err, true);
    });
    try {
      while (!channel.isClosed()) {
        if (System.nanoTime() - end > 0) {
          throw new DeviceTimeoutException(device.name(), "command [" + command + "]", deadline);
        }
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500));
      }
    } finally {
      channel.disconnect();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new ExecResult(channel.getExitStatus(), out.text(), err.text(), out.truncated(), err.truncated(), elapsed);
  }

  /** Like {@link #exec(Duration, String, String...)} but a non-zero exit throws RemoteCommandException. */
  public ExecResult execOk(Duration deadline, String template, String... args) {
    RemoteCommand command = RemoteCommand.of(template, args);
    ExecResult r = exec(command, deadline);
    if (!r.ok()) throw new RemoteCommandException(device.name(), "command [" + command + "]", r);
    return r;
  }

  /**
   * Puts {@code local} into the device's content-addressed cache ({@code workdir/cache/<sha256>.<ext>})
   * unless it is there already; returns where it lies.
   */
  public UploadResult upload(Path local) {
    UploadResult r = cache().upload(local, device.timeouts().upload());
    if (r.sent()) bytesSent.addAndGet(r.size());
    return r;
  }

  /** Bytes this transport has uploaded so far (files the device cache had already are not counted). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** Removes interrupted uploads and the least recently used cache entries beyond {@code maxCacheBytes}. */
  public RemoteCache.CleanReport cleanWorkdir(long maxCacheBytes) {
    return cache().clean(maxCacheBytes);
  }

  /** The work directory on the device as an absolute path ({@code ~/} resolved). */
  public String workdir() {
    return cache().workdir();
  }

  /** How many SSH sessions this transport has opened so far (1 while the first one lives). */
  public synchronized int sessionsOpened() {
    return sessionsOpened;
  }

  /**
   * A connected SFTP channel on the current session; the caller disconnects it. A session where it
   * cannot open (dropped, or going down) is closed and replaced once.
   */
  synchronized ChannelSftp openSftp() {
    for (int attempt = 1; ; attempt++) {
      Session current = session();
      try {
        ChannelSftp sftp = (ChannelSftp) openChannel(current, "sftp");
        sftp.connect((int) device.timeouts().connect().toMillis());
        return sftp;
      } catch (JSchException e) {
        if (attempt >= 2) throw new DeviceException(device.name(), "cannot open SFTP: " + SshErrors.describe(e), e);
        LOG.info("device {}: SSH session unusable ({}), reconnecting", device.name(), SshErrors.describe(e));
        current.disconnect();
      }
    }
  }

  /** JSch answers null, not an exception, when a session cannot open a channel (one going down). */
  private static Channel openChannel(Session session, String type) throws JSchException {
    Channel channel = session.openChannel(type);
    if (channel == null) throw new JSchException("the session could not open a new " + type + " channel");
    return channel;
  }

  /**
   * Opens an exec channel and starts the command. The channel must open within the connect timeout;
   * a session where it cannot (dropped, or silently dead) is closed and replaced once, time
   * permitting. The command had not started on it: the exec request follows the channel's opening.
   */
  private ChannelExec startExec(RemoteCommand command, Duration deadline, long end, Wiring wiring) {
    for (int attempt = 1; ; attempt++) {
      Session current = null;
      ChannelExec channel = null;
      try {
        synchronized (this) {
          current = session();
        }
        channel = (ChannelExec) openChannel(current, "exec");
        channel.setCommand(command.wrapped(deadline));
        wiring.wire(channel);
        channel.connect((int) Math.min(remainingMillis(end), device.timeouts().connect().toMillis()));
        return channel;
      } catch (JSchException e) {
        if (channel != null) channel.disconnect();
        if (System.nanoTime() - end > 0) {
          throw new DeviceTimeoutException(device.name(), "command [" + command + "]", deadline);
        }
        if (attempt >= 2 || current == null) {
          throw new DeviceException(device.name(), "command [" + command + "] could not start: "
              + SshErrors.describe(e), e);
        }
        LOG.info("device {}: SSH session unusable ({}), reconnecting", device.name(), SshErrors.describe(e));
        current.disconnect();
      }
    }
  }

  /** Sets a channel's streams before it connects. */
  private interface Wiring {
    void wire(ChannelExec channel) throws JSchException;
  }

  /**
   * Starts {@code command} under {@code timeout -s KILL} of {@code lifetime} with its stdin and stdout
   * left open to the caller, line by line (a long-running process such as the resident agent).
   */
  public ExecStream openStream(RemoteCommand command, Duration lifetime) {
    long end = System.nanoTime() + device.timeouts().connect().toNanos();
    LOG.debug("device {}: stream [{}] lifetime {}", device.name(), command, lifetime);
    BoundedOutput err = new BoundedOutput(64 << 10);
    InputStream[] fromRemote = new InputStream[1];
    ChannelExec channel = startExec(command, lifetime, end, c -> {
      try {
        fromRemote[0] = c.getInputStream();
      } catch (IOException e) {
        throw new JSchException("cannot read the channel: " + e.getMessage(), e);
      }
      c.setErrStream(err, true);
    });
    try {
      return new ExecStream(device.name(), channel, fromRemote[0], channel.getOutputStream(), err);
    } catch (IOException e) {
      channel.disconnect();
      throw new DeviceException(device.name(), "cannot write to command [" + command + "]: " + e.getMessage(), e);
    }
  }

  private synchronized RemoteCache cache() {
    if (cache == null) cache = new RemoteCache(this);
    return cache;
  }

  /** The live session, opening a new one when there is none or it dropped. */
  private synchronized Session session() {
    if (session != null && session.isConnected()) return session;
    if (session != null) {
      LOG.info("device {}: SSH session dropped, reconnecting", device.name());
      session.disconnect();
    }
    session = connect();
    sessionsOpened++;
    return session;
  }

  private Session connect() {
    try {
      JSch jsch = new JSch();
      jsch.setHostKeyRepository(hostKeys);
      jsch.addIdentity(keyFile.toString());
      configure.accept(jsch);
      Session s = jsch.getSession(device.user(), device.host(), device.port());
      s.setConfig("StrictHostKeyChecking", "yes");
      s.setConfig("PreferredAuthentications", "publickey");
      s.setServerAliveInterval(15_000);
      s.setServerAliveCountMax(3);
      s.connect((int) device.timeouts().connect().toMillis());
      return s;
    } catch (JSchException e) {
      if (hostKeys.rejected()) throw new HostKeyRejectedException(device, hostKeys.offeredFingerprint());
      throw new DeviceException(device.name(), "cannot connect to " + device.address() + ": "
          + SshErrors.describe(e), e);
    }
  }

  private static int remainingMillis(long endNanos) {
    long ms = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
  }

  /** Closes the session; a later call would open a new one. */
  @Override
  public synchronized void close() {
    if (session != null) session.disconnect();
    session = null;
  }
}
