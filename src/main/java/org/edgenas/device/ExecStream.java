package org.edgenas.device;

import com.jcraft.jsch.ChannelExec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A remote command running on an open exec channel (see {@link SshTransport#openStream}): lines go to
 * its stdin, its stdout lines are read with a deadline. A reader thread moves stdout lines into a
 * queue, so a silent device never blocks the caller past its deadline.
 */
public final class ExecStream implements AutoCloseable {
  private static final String END = new String("end of output"); // identity sentinel
  private final String deviceName;
  private final ChannelExec channel;
  private final OutputStream toRemote;
  private final BoundedOutput err;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private volatile boolean ended;

  ExecStream(String deviceName, ChannelExec channel, InputStream fromRemote, OutputStream toRemote, BoundedOutput err) {
    this.deviceName = deviceName;
    this.channel = channel;
    this.toRemote = toRemote;
    this.err = err;
    Thread.ofVirtual().name("exec-stream-" + deviceName).start(() -> pump(fromRemote));
  }

  private void pump(InputStream fromRemote) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fromRemote, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) lines.add(line);
    } catch (IOException closed) {
      // the channel closed: same as the end of the output
    } finally {
      lines.add(END);
    }
  }

  /** Writes one line to the command's stdin; a closed channel is a {@link DeviceException}. */
  public void send(String line) {
    try {
      toRemote.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toRemote.flush();
    } catch (IOException e) {
      throw new DeviceException(deviceName, "the remote command no longer reads its input (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The next stdout line; null when the output ended (the process exited or the channel closed);
   * a {@link DeviceTimeoutException} when none came within {@code deadline}.
   */
  public String readLine(Duration deadline, String what) {
    if (ended) return null;
    try {
      String line = lines.poll(deadline.toNanos(), TimeUnit.NANOSECONDS);
      if (line == null) throw new DeviceTimeoutException(deviceName, what, deadline);
      if (line == END) {
        ended = true;
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceException(deviceName, "interrupted while waiting for " + what, e);
    }
  }

  /** True while the channel is open and the output has not ended. */
  public boolean alive() {
    return !ended && !channel.isClosed() && channel.isConnected();
  }

  /** The last non-blank stderr line so far (for messages), or "" when none. */
  public String lastStderrLine() {
    String[] all = err.text().strip().split("\\R");
    return all.length == 0 ? "" : all[all.length - 1];
  }

  /** Closes the channel (the command's stdin ends). */
  @Override
  public void close() {
    ended = true;
    channel.disconnect();
  }
}
