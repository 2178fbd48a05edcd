package org.edgenas.device;

/**
 * A device failed every retry and was taken out of the {@link DevicePool}: this measurement, and
 * every other one still waiting for the device, completes with this exception. Measurements the
 * device finished earlier stay valid.
 */
public final class DeviceQuarantinedException extends DeviceException {
  private final int pending;

  public DeviceQuarantinedException(String device, int pending, Throwable cause) {
    super(device, "quarantined after repeated failures; " + pending + " pending measurement"
        + (pending == 1 ? "" : "s") + " not taken" + (cause == null ? "" : " (last failure: " + cause.getMessage() + ")"),
        cause);
    this.pending = pending;
  }

  /** How many measurements (this one included) were waiting for the device when it was quarantined. */
  public int pending() {
    return pending;
  }
}
