package org.edgenas.device;

import java.time.Duration;

/**
 * Time limits for one device: establishing the SSH session, a remote command when the caller gives
 * none, and one upload.
 */
public record DeviceTimeouts(Duration connect, Duration command, Duration upload) {
  /** 10 s to connect, 10 min per command, 5 min per upload. */
  public static final DeviceTimeouts DEFAULT =
      new DeviceTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMinutes(5));

  public DeviceTimeouts {
    requirePositive("connect_s", connect);
    requirePositive("command_s", command);
    requirePositive("upload_s", upload);
  }

  private static void requirePositive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("timeouts." + field + " must be 1..86400 s, was " + d);
    }
  }
}
