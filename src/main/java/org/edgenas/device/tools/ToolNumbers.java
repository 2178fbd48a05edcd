package org.edgenas.device.tools;

/** Number parsing that names the tool and the line when a value is not a number. */
final class ToolNumbers {
  private ToolNumbers() {}

  static double decimal(String tool, String text, String line, String output) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new DeviceOutputException(tool, "'" + text + "' is not a number in line '" + line.strip() + "'", output, e);
    }
  }

  static int whole(String tool, String text, String line, String output) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new DeviceOutputException(tool, "'" + text + "' is not a whole number in line '" + line.strip() + "'",
          output, e);
    }
  }
}
