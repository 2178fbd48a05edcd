package org.edgenas.device.tools;

/** A device tool printed something a parser cannot read: the message names the tool and what is missing. */
public final class DeviceOutputException extends RuntimeException {
  public DeviceOutputException(String tool, String problem, String output) {
    super(tool + " output: " + problem + "; it began with: " + firstLine(output));
  }

  public DeviceOutputException(String tool, String problem, String output, Throwable cause) {
    this(tool, problem, output);
    initCause(cause);
  }

  private static String firstLine(String output) {
    if (output == null || output.isBlank()) return "(nothing)";
    String line = output.strip().lines().findFirst().orElse("").strip();
    return "'" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'";
  }
}
