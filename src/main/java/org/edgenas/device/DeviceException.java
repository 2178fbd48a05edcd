package org.edgenas.device;

/**
 * A device could not do what was asked: unreachable, refused, timed out, failed command. The message
 * is one sentence starting with {@code device NAME:}. Callers treat it as a failed measurement, not
 * a crash.
 */
public class DeviceException extends RuntimeException {
  private final String device;

  public DeviceException(String device, String message, Throwable cause) {
    super("device " + device + ": " + message, cause);
    this.device = device;
  }

  public DeviceException(String device, String message) {
    this(device, message, null);
  }

  /** The device's name. */
  public String device() {
    return device;
  }
}
