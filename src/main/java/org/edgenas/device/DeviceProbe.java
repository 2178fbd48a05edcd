package org.edgenas.device;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fingerprints a device with one fixed shell script (one exec): architecture, OS, CPU, memory, free
 * disk in the work dir, runtime versions, power mode, temperature and throttling. Every probe that
 * a device lacks prints nothing; the script itself always exits 0.
 */
public final class DeviceProbe {
  static final String MARK = "@@edgenas ";
  /** The probe; its arguments are the work dir (created when missing) and the agent's java command. */
  static final String SCRIPT = String.join("\n",
      "w={}; case \"$w\" in \"~\"|\"~/\"*) w=\"$HOME${w#\\~}\";; esac; mkdir -p \"$w\" 2>/dev/null",
      "s() { echo '" + MARK + "'\"$1\"; }",
      "s arch; uname -m",
      "s os; sed -n 's/^PRETTY_NAME=//p' /etc/os-release 2>/dev/null | tr -d '\"'",
      "s cpu; { grep -m1 -i -E '^(model name|Model)[[:space:]]*:' /proc/cpuinfo | cut -d: -f2-; } 2>/dev/null",
      "s nproc; nproc 2>/dev/null",
      "s mem; sed -n 's/^MemTotal:[[:space:]]*\\([0-9]*\\) kB/\\1/p' /proc/meminfo 2>/dev/null",
      "s disk; df -Pk \"$w\" 2>/dev/null | awk 'NR==2{print $4}'",
      "s ort; python3 -c 'import onnxruntime; print(onnxruntime.__version__)' 2>/dev/null",
      "s java; {} -version 2>&1 | head -n 1",
      "s trtexec; command -v trtexec 2>/dev/null"
          + " || { [ -x /usr/src/tensorrt/bin/trtexec ] && echo /usr/src/tensorrt/bin/trtexec; }",
      "s tensorrt; dpkg -l tensorrt 2>/dev/null | awk '/^ii/{print $3}'",
      "s l4t; head -n 1 /etc/nv_tegra_release 2>/dev/null",
      "s nvpmodel; nvpmodel -q 2>/dev/null || sudo -n nvpmodel -q 2>/dev/null",
      "s temp; vcgencmd measure_temp 2>/dev/null",
      "s throttled; vcgencmd get_throttled 2>/dev/null",
      "s zones; for z in /sys/class/thermal/thermal_zone*; do"
          + " [ -r \"$z/temp\" ] && echo \"$(cat \"$z/type\" 2>/dev/null) $(cat \"$z/temp\")\"; done 2>/dev/null",
      "s end; true");

  private DeviceProbe() {}

  /** Runs the probe on the device and parses it. */
  public static DeviceFingerprint run(SshTransport ssh, Duration deadline) {
    ExecResult r = ssh.execOk(deadline, SCRIPT, ssh.device().workdir(), ssh.device().java());
    return DeviceFingerprint.parse(ssh.device(), r.stdout());
  }

  /** The probe output split into its sections (name to stripped text). */
  static Map<String, String> sections(String output) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = null;
    StringBuilder text = new StringBuilder();
    for (String line : output.split("\\R")) {
      if (line.startsWith(MARK)) {
        if (current != null) out.put(current, text.toString().strip());
        current = line.substring(MARK.length()).strip();
        text.setLength(0);
      } else if (current != null) {
        text.append(line).append('\n');
      }
    }
    if (current != null) out.put(current, text.toString().strip());
    return out;
  }
}
