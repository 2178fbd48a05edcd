package org.edgenas.latency;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/** The process's one ONNX Runtime environment (warnings and errors only) and its version. */
public final class OrtRuntime {
  private OrtRuntime() {}

  public static OrtEnvironment environment() {
    return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
  }

  /** The native ONNX Runtime version, e.g. "1.29.0". */
  public static String version() {
    return environment().getVersion();
  }
}
