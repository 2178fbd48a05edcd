package org.edgenas.device;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a device runs a model: TensorRT's trtexec, ONNX Runtime from Python, or the edgenas agent. */
public enum DeviceRuntime {
  TRTEXEC("trtexec"),
  ONNXRUNTIME_PYTHON("onnxruntime-python"),
  EDGENAS_AGENT("edgenas-agent");

  private final String id;

  DeviceRuntime(String id) {
    this.id = id;
  }

  /** The name used in device files and on the command line. */
  public String id() {
    return id;
  }

  /** The runtime named {@code id}; IllegalArgumentException listing the allowed names otherwise. */
  public static DeviceRuntime parse(String id) {
    for (DeviceRuntime r : values()) {
      if (r.id.equals(id)) return r;
    }
    throw new IllegalArgumentException("runtime must be one of " + allowed() + ", was '" + id + "'");
  }

  /** The allowed names, separated by " | ". */
  public static String allowed() {
    return Arrays.stream(values()).map(DeviceRuntime::id).collect(Collectors.joining(" | "));
  }

  @Override
  public String toString() {
    return id;
  }
}
