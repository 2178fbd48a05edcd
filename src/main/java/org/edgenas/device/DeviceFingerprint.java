package org.edgenas.device;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edgenas.device.tools.DeviceOutputException;
import org.edgenas.device.tools.NvpModel;
import org.edgenas.device.tools.ThrottleState;
import org.edgenas.device.tools.Vcgencmd;

/**
 * What a device is and runs, as {@link DeviceProbe} found it; stored with every measurement. Text
 * fields are "" when the device did not say; numbers are -1 (or NaN for temperatures).
 *
 * @param thermalZonesC thermal zone type to °C (Linux {@code /sys/class/thermal})
 * @param powerMode Jetson nvpmodel mode, or null
 * @param throttle Raspberry Pi throttle bits, or null
 */
public record DeviceFingerprint(
    String device, DeviceRuntime runtime, String arch, String os, String cpuModel, int cpuCount, long memTotalMb,
    long diskFreeMb, String onnxruntimeVersion, String javaVersion, String trtexecPath, String tensorrtVersion,
    String l4tRelease, NvpModel powerMode, double socTemperatureC, ThrottleState throttle,
    Map<String, Double> thermalZonesC) {
  public DeviceFingerprint {
    thermalZonesC = Map.copyOf(thermalZonesC);
  }

  /**
   * The version of what times models on this device, e.g. {@code tensorrt 10.3.0.30-1+cuda12.5 l4t R36 (release),
   * REVISION: 4.3}, {@code onnxruntime 1.22.0}, {@code java openjdk version "25"}. Part of the
   * measurement cache key: when it changes, earlier measurements of the device no longer count.
   */
  public String runtimeVersion() {
    return switch (runtime) {
      case TRTEXEC -> "tensorrt " + orUnknown(tensorrtVersion) + (l4tRelease.isEmpty() ? "" : " l4t " + l4tRelease);
      case ONNXRUNTIME_PYTHON -> "onnxruntime " + orUnknown(onnxruntimeVersion);
      case EDGENAS_AGENT -> "java " + orUnknown(javaVersion);
    };
  }

  /** What the runtime needs and the device lacks, e.g. "no trtexec found"; empty when ready. */
  public List<String> problems() {
    List<String> p = new ArrayList<>();
    switch (runtime) {
      case TRTEXEC -> { if (trtexecPath.isEmpty()) p.add("no trtexec found (PATH or /usr/src/tensorrt/bin)"); }
      case ONNXRUNTIME_PYTHON -> { if (onnxruntimeVersion.isEmpty()) p.add("python3 cannot import onnxruntime"); }
      case EDGENAS_AGENT -> {
        String tooOld = JavaVersions.problem(javaVersion);
        if (tooOld != null) p.add(tooOld);
      }
    }
    if (throttle != null && throttle.currentlyLimited()) p.add("throttled now: " + throttle.describe());
    return p;
  }

  /** Parses the probe script's output. */
  public static DeviceFingerprint parse(Device d, String output) {
    Map<String, String> s = DeviceProbe.sections(output);
    if (!s.containsKey("end") || s.getOrDefault("arch", "").isEmpty()) {
      throw new DeviceOutputException("device probe", "the probe script's sections are missing", output);
    }
    Map<String, Double> zones = new LinkedHashMap<>();
    for (String line : s.getOrDefault("zones", "").split("\\R")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && parts[1].matches("-?\\d+")) {
        zones.merge(parts[0], Integer.parseInt(parts[1]) / 1000.0, Math::max);
      }
    }
    String nvp = s.getOrDefault("nvpmodel", "");
    String temp = s.getOrDefault("temp", "");
    String throttled = s.getOrDefault("throttled", "");
    return new DeviceFingerprint(d.name(), d.runtime(), s.get("arch"), s.getOrDefault("os", ""),
        s.getOrDefault("cpu", "").strip(), (int) number(s.get("nproc")), kbToMb(number(s.get("mem"))),
        kbToMb(number(s.get("disk"))), s.getOrDefault("ort", ""), s.getOrDefault("java", ""),
        s.getOrDefault("trtexec", ""), s.getOrDefault("tensorrt", ""), s.getOrDefault("l4t", ""),
        nvp.isEmpty() ? null : NvpModel.parse(nvp), temp.isEmpty() ? Double.NaN : Vcgencmd.temperature(temp),
        throttled.isEmpty() ? null : ThrottleState.parse(throttled), zones);
  }

  /** A few lines for people, as {@code edgenas devices check} prints them. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    line(b, "system", arch + (os.isEmpty() ? "" : ", " + os));
    line(b, "cpu", (cpuModel.isEmpty() ? "?" : cpuModel) + " x" + cpuCount);
    line(b, "memory", memTotalMb + " MB; " + diskFreeMb + " MB free in the work dir");
    line(b, "runtime", runtime.id() + ": " + runtimeVersion());
    if (!trtexecPath.isEmpty()) line(b, "trtexec", trtexecPath);
    if (!onnxruntimeVersion.isEmpty()) line(b, "onnxruntime", onnxruntimeVersion + " (python)");
    if (!javaVersion.isEmpty()) line(b, "java", javaVersion);
    if (powerMode != null) line(b, "power mode", powerMode.toString());
    if (!Double.isNaN(socTemperatureC)) line(b, "temperature", socTemperatureC + " °C");
    if (throttle != null) line(b, "throttling", throttle.describe());
    if (!thermalZonesC.isEmpty()) line(b, "thermal zones", new java.util.TreeMap<>(thermalZonesC).toString());
    return b.toString();
  }

  private static void line(StringBuilder b, String label, String value) {
    b.append(String.format("  %-14s %s%n", label + ":", value));
  }

  private static String orUnknown(String v) {
    return v.isEmpty() ? "unknown" : v;
  }

  private static long number(String text) {
    return text != null && text.strip().matches("\\d+") ? Long.parseLong(text.strip()) : -1;
  }

  private static long kbToMb(long kb) {
    return kb < 0 ? -1 : kb / 1024;
  }
}
