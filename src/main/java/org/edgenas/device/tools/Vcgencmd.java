package org.edgenas.device.tools;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raspberry Pi {@code vcgencmd measure_temp} output: {@code temp=45.2'C}. */
public final class Vcgencmd {
  private static final Pattern TEMP = Pattern.compile("temp=(-?\\d+(?:\\.\\d+)?)'C");

  private Vcgencmd() {}

  /** The SoC temperature in °C. */
  public static double temperature(String output) {
    Matcher m = TEMP.matcher(output == null ? "" : output);
    if (!m.find()) throw new DeviceOutputException("vcgencmd measure_temp", "no temp=NN.N'C line", output);
    return Double.parseDouble(m.group(1));
  }
}
