package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints what one remote command costs on loopback: on a reused session versus on a new session
 * each time (connect + key exchange + auth + exec). Figures only; no timing assertions.
 */
class SshOverheadBenchmarkTest {
  @TempDir Path dir;

  @Test
  void execOverheadReusedVersusNewSession() throws Exception {
    try (SshTestServer server = new SshTestServer(dir)) {
      Device d = server.device(Files.createTempDirectory(dir, "work"));
      int n = 20;
      double[] reused = new double[n];
      try (SshTransport ssh = new SshTransport(d)) {
        ssh.execOk(Duration.ofSeconds(5), "true"); // connect and warm up
        for (int i = 0; i < n; i++) reused[i] = ms(ssh.execOk(Duration.ofSeconds(5), "true").elapsed());
      }
      int m = 8;
      double[] fresh = new double[m];
      for (int i = 0; i < m; i++) {
        long t0 = System.nanoTime();
        try (SshTransport ssh = new SshTransport(d)) {
          assertEquals(0, ssh.exec(Duration.ofSeconds(5), "true").exitCode());
        }
        fresh[i] = (System.nanoTime() - t0) / 1e6;
      }
      System.out.printf("[bench] exec 'true' on loopback (in-JVM MINA server): reused session median %.1f ms"
          + " (n=%d), new session median %.1f ms (n=%d)%n", median(reused), n, median(fresh), m);
    }
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
