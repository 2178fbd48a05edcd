package org.edgenas.device;

import java.time.Duration;

/** Small helpers for deadlines: formatting and the device-side timeout in whole seconds. */
final class Deadlines {
  private Deadlines() {}

  static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format("%.1f s", ms / 1000.0);
  }

  /** Whole seconds for {@code timeout -s KILL N}: the deadline rounded up, at least 1. */
  static long remoteSeconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
