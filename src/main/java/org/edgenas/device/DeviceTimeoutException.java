package org.edgenas.device;

import java.time.Duration;

/** A remote command ran past its client-side deadline; its channel was closed. */
public final class DeviceTimeoutException extends DeviceException {
  private final Duration deadline;

  public DeviceTimeoutException(String device, String what, Duration deadline) {
    super(device, what + " did not finish within the deadline of " + Deadlines.format(deadline)
        + "; the channel was closed and the device-side timeout kills the process");
    this.deadline = deadline;
  }

  public Duration deadline() {
    return deadline;
  }
}
