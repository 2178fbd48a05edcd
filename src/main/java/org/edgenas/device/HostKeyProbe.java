package org.edgenas.device;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.time.Duration;

/**
 * Fetches the host key a server offers, for {@code edgenas devices add}: it connects with a
 * repository that records the key and answers "not known", so with strict checking the connection
 * is aborted before any authentication. Nothing is trusted here; the caller shows the fingerprint
 * and pins the key only after the user confirms it.
 */
public final class HostKeyProbe {
  private HostKeyProbe() {}

  /** The key {@code host:port} offers; DeviceException when it cannot be reached. */
  public static PinnedHostKey fetch(String name, String host, int port, Duration timeout) {
    Capture capture = new Capture();
    JSch jsch = new JSch();
    jsch.setHostKeyRepository(capture);
    Session session = null;
    try {
      session = jsch.getSession("edgenas", host, port);
      session.setConfig("StrictHostKeyChecking", "yes");
      session.connect((int) timeout.toMillis());
    } catch (JSchException e) {
      if (capture.offered == null) {
        throw new DeviceException(name, "cannot reach " + host + ":" + port + " to fetch its host key: "
            + SshErrors.describe(e), e);
      }
    } finally {
      if (session != null) session.disconnect();
    }
    if (capture.offered == null) {
      throw new DeviceException(name, host + ":" + port + " accepted a connection without checking the host key");
    }
    return PinnedHostKey.ofBlob(capture.offered);
  }

  /** Records the offered key and reports it as unknown, which aborts the handshake. */
  private static final class Capture extends NonLearningHostKeyRepository {
    private volatile byte[] offered;

    @Override
    public int check(String host, byte[] key) {
      offered = key.clone();
      return NOT_INCLUDED;
    }

    @Override
    public String getKnownHostsRepositoryID() {
      return "edgenas host key capture";
    }
  }
}
