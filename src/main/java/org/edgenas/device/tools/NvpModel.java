package org.edgenas.device.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jetson power mode from {@code nvpmodel -q}: {@code NV Power Mode: MAXN_SUPER} then the mode id. */
public record NvpModel(String name, int id) {
  private static final Pattern OUTPUT = Pattern.compile("NV Power Mode:\\s*(\\S+)\\s*\\R\\s*(\\d+)");

  public static NvpModel parse(String output) {
    Matcher m = OUTPUT.matcher(output == null ? "" : output);
    if (!m.find()) {
      throw new DeviceOutputException("nvpmodel -q", "expected 'NV Power Mode: NAME' followed by the mode id", output);
    }
    return new NvpModel(m.group(1), Integer.parseInt(m.group(2)));
  }

  @Override
  public String toString() {
    return name + " (mode " + id + ")";
  }
}
