package org.edgenas.device;

/** A remote command exited with a non-zero code. */
public final class RemoteCommandException extends DeviceException {
  private final ExecResult result;

  public RemoteCommandException(String device, String what, ExecResult result) {
    super(device, what + " exited with code " + result.exitCode()
        + (result.lastStderrLine().isEmpty() ? " (no error output)" : ": " + result.lastStderrLine()));
    this.result = result;
  }

  public ExecResult result() {
    return result;
  }
}
