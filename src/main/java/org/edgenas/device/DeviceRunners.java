package org.edgenas.device;

/** The runner for a device's runtime. */
public final class DeviceRunners {
  private DeviceRunners() {}

  /**
   * The runner of {@code device.runtime()}; trtexec runs from the path the fingerprint found
   * ({@code trtexec} on PATH, or {@code /usr/src/tensorrt/bin/trtexec}).
   */
  public static DeviceRunner forDevice(Device device, DeviceFingerprint fingerprint) {
    return switch (device.runtime()) {
      case EDGENAS_AGENT -> new AgentRunner();
      case ONNXRUNTIME_PYTHON -> new OrtPythonRunner();
      case TRTEXEC -> new TrtexecRunner(fingerprint.trtexecPath().isEmpty() ? "trtexec" : fingerprint.trtexecPath());
    };
  }
}
