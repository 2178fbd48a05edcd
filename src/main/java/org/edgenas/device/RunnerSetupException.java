package org.edgenas.device;

/**
 * A device cannot run the runtime its file names (too old a Java, no onnxruntime for python3, no
 * trtexec): a configuration problem, not a dropped connection, so the pool does not retry it.
 */
public final class RunnerSetupException extends DeviceException {
  public RunnerSetupException(String device, String message) {
    super(device, message);
  }
}
