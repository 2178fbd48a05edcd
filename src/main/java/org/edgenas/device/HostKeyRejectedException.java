package org.edgenas.device;

/** The device offered a host key other than the pinned one; the connection was refused. */
public final class HostKeyRejectedException extends DeviceException {
  public HostKeyRejectedException(Device d, String offeredFingerprint) {
    super(d.name(), "host key " + offeredFingerprint + " does not match the pinned "
        + d.hostKey().fingerprint() + " (" + d.where() + "); if the device was reinstalled, re-run edgenas devices add");
  }
}
