package org.edgenas.device;

import java.nio.file.Path;

/** Lets tests in other packages (the CLI) start the in-JVM SSH test server. */
public final class DeviceTestServers {
  private DeviceTestServers() {}

  /** A running server; close it when done. */
  public interface Handle extends AutoCloseable {
    int port();

    Path clientKey();

    String fingerprint();
  }

  public static Handle start(Path dir) throws Exception {
    SshTestServer s = new SshTestServer(dir);
    return new Handle() {
      public int port() {
        return s.port();
      }

      public Path clientKey() {
        return s.clientKey;
      }

      public String fingerprint() {
        return s.hostKey.fingerprint();
      }

      public void close() throws Exception {
        s.close();
      }
    };
  }
}
