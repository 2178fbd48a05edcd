package org.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a measurement ran on: CPU model, logical cores, memory, OS, ONNX Runtime version,
 * the intra-op threads used, the CPU frequency governor (cpu0's, "unknown" where unreadable) and the
 * host name. Read from /proc and /sys on Linux; every field falls back to "unknown" or the JVM's view.
 */
public record MachineFingerprint(
    @JsonProperty("cpu") String cpuModel,
    @JsonProperty("cores") int cores,
    @JsonProperty("memory_mib") long memoryMib,
    @JsonProperty("os") String os,
    @JsonProperty("ort") String ortVersion,
    @JsonProperty("threads") int threads,
    @JsonProperty("governor") String cpuGovernor,
    @JsonProperty("hostname") String hostname) {
  public static final String UNKNOWN = "unknown";

  public MachineFingerprint {
    if (cores < 1) throw new IllegalArgumentException("cores must be >= 1, was " + cores);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    cpuModel = orUnknown(cpuModel);
    os = orUnknown(os);
    ortVersion = orUnknown(ortVersion);
    cpuGovernor = orUnknown(cpuGovernor);
    hostname = orUnknown(hostname);
  }

  /** This machine, measured with the given ONNX Runtime version and thread count. */
  public static MachineFingerprint local(String ortVersion, int threads) {
    long memoryMib = memoryMib(read(Path.of("/proc/meminfo")));
    if (memoryMib <= 0) memoryMib = jvmPhysicalMemoryMib();
    return new MachineFingerprint(
        cpuModel(read(Path.of("/proc/cpuinfo"))),
        Runtime.getRuntime().availableProcessors(),
        memoryMib,
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        ortVersion,
        threads,
        read(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).trim(),
        localHostname());
  }

  /** The CPU model from /proc/cpuinfo text: "model name" (x86), else "Model" or "Hardware" (ARM boards). */
  static String cpuModel(String cpuinfo) {
    for (String key : new String[] {"model name", "Model", "Hardware", "cpu model"}) {
      for (String line : cpuinfo.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
          String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
          if (!value.isEmpty()) return value;
        }
      }
    }
    return UNKNOWN;
  }

  /** MemTotal from /proc/meminfo text in MiB, or 0 when absent. */
  static long memoryMib(String meminfo) {
    for (String line : meminfo.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
        try {
          return Long.parseLong(parts[0]) / 1024; // the kernel reports kB
        } catch (NumberFormatException e) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static long jvmPhysicalMemoryMib() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize() / (1024 * 1024);
    }
    return 0;
  }

  private static String localHostname() {
    String fromFile = read(Path.of("/etc/hostname")).trim();
    if (!fromFile.isEmpty()) return fromFile;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  private static String read(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file) : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String orUnknown(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value;
  }
}
