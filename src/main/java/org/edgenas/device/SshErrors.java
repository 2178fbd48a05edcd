package org.edgenas.device;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns JSch's exceptions into one readable clause. */
final class SshErrors {
  private SshErrors() {}

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) return "unknown host " + t.getMessage();
      if (t instanceof ConnectException) return "connection refused";
      if (t instanceof NoRouteToHostException) return "no route to host";
      if (t instanceof SocketTimeoutException) return "timed out";
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (m.contains("Auth fail") || m.contains("Auth cancel")) return "authentication failed (is the key's public half in authorized_keys?)";
    if (m.contains("timeout")) return "timed out";
    return m;
  }
}
