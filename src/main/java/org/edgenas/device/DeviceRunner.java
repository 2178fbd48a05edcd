package org.edgenas.device;

import java.nio.file.Path;

/**
 * Runs a model on a device with one runtime. {@link #prepare} ships what the device needs (through the
 * content-addressed cache, so a second run sends nothing) and returns the measuring command;
 * {@link #parse} reads that command's output into per-iteration times. The {@link
 * DeviceLatencyProbe} runs the command between thermal reads and applies the protocol.
 */
public interface DeviceRunner {
  /** Uploads the model and the runtime's files as needed; checks the runtime; returns the command. */
  RunnerCommand prepare(SshTransport ssh, Path model, RunRequest request);

  /**
   * Parses the command's output; {@code stdout} holds only the command's own lines. A non-zero exit
   * or unreadable output is a {@link DeviceException} naming the device and the tool.
   */
  RunnerOutput parse(Device device, ExecResult result, String stdout);

  /** The runtime, e.g. "edgenas-agent". */
  DeviceRuntime runtime();
}
