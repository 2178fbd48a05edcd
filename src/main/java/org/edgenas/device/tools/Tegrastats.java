package org.edgenas.device.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of Jetson {@code tegrastats}. Sensors reading -256C (disabled) are left out; power rails
 * are read in both the old ({@code VDD_IN 1931/1931}) and the JetPack 6 ({@code 2340mW/2340mW})
 * form; rails named {@code NC} (not connected) are skipped.
 *
 * @param cpuLoadPercent per core, null for a core that is {@code off}
 * @param gpuLoadPercent GR3D_FREQ load, or -1 when not printed
 * @param powerRails rail name to {current, average} mW
 */
public record Tegrastats(int ramUsedMb, int ramTotalMb, List<Integer> cpuLoadPercent, int gpuLoadPercent,
    Map<String, Double> temperaturesC, Map<String, int[]> powerRails) {
  private static final String TOOL = "tegrastats";
  private static final Pattern RAM = Pattern.compile("RAM (\\d+)/(\\d+)MB");
  private static final Pattern CPU = Pattern.compile("CPU \\[([^\\]]*)\\]");
  private static final Pattern CORE = Pattern.compile("(\\d+)%@\\d+");
  private static final Pattern GR3D = Pattern.compile("GR3D_FREQ (\\d+)%");
  private static final Pattern TEMP = Pattern.compile("(?<=\\s|^)([A-Za-z][A-Za-z0-9_]*)@(-?\\d+(?:\\.\\d+)?)C(?=\\s|$)");
  private static final Pattern RAIL = Pattern.compile("(?<=\\s|^)([A-Z][A-Z0-9_]*) (\\d+)(?:mW)?/(\\d+)(?:mW)?(?=\\s|$)");

  public Tegrastats {
    cpuLoadPercent = Collections.unmodifiableList(new ArrayList<>(cpuLoadPercent));
    temperaturesC = Collections.unmodifiableMap(new LinkedHashMap<>(temperaturesC));
    powerRails = Collections.unmodifiableMap(new LinkedHashMap<>(powerRails));
  }

  /** The hottest enabled sensor in °C, or NaN when there is none. */
  public double maxTemperatureC() {
    return temperaturesC.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  public static Tegrastats parse(String line) {
    String text = line == null ? "" : line.strip();
    Matcher ram = RAM.matcher(text);
    if (!ram.find()) throw new DeviceOutputException(TOOL, "no 'RAM used/totalMB' field", line);
    List<Integer> cores = new ArrayList<>();
    Matcher cpu = CPU.matcher(text);
    if (cpu.find()) {
      for (String core : cpu.group(1).split(",")) {
        Matcher c = CORE.matcher(core.strip());
        if (c.matches()) cores.add(Integer.parseInt(c.group(1)));
        else if (core.strip().equals("off")) cores.add(null);
        else throw new DeviceOutputException(TOOL, "CPU core field '" + core + "' is neither NN%@MHz nor off", line);
      }
    }
    Matcher gr3d = GR3D.matcher(text);
    int gpu = gr3d.find() ? Integer.parseInt(gr3d.group(1)) : -1;
    Map<String, Double> temps = new LinkedHashMap<>();
    Matcher t = TEMP.matcher(text);
    while (t.find()) {
      double c = Double.parseDouble(t.group(2));
      if (c > -256) temps.put(t.group(1), c);
    }
    Map<String, int[]> rails = new LinkedHashMap<>();
    Matcher r = RAIL.matcher(text);
    while (r.find()) {
      if (!r.group(1).equals("NC")) {
        rails.put(r.group(1), new int[] {Integer.parseInt(r.group(2)), Integer.parseInt(r.group(3))});
      }
    }
    return new Tegrastats(Integer.parseInt(ram.group(1)), Integer.parseInt(ram.group(2)), cores, gpu, temps, rails);
  }
}
