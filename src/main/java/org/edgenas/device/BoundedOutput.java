package org.edgenas.device;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An in-memory sink that keeps at most {@code limit} bytes and remembers whether it cut any. */
final class BoundedOutput extends OutputStream {
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final int limit;
  private volatile boolean truncated;

  BoundedOutput(int limit) {
    this.limit = limit;
  }

  @Override
  public synchronized void write(int b) {
    if (buffer.size() < limit) buffer.write(b);
    else truncated = true;
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    int room = Math.max(0, limit - buffer.size());
    buffer.write(b, off, Math.min(room, len));
    if (len > room) truncated = true;
  }

  boolean truncated() {
    return truncated;
  }

  synchronized String text() {
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
