package org.edgenas.device;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edgenas.device.tools.ThrottleState;
import org.edgenas.device.tools.Vcgencmd;

/**
 * A device's temperature and throttle state at one moment, read by a shell snippet ({@link #SNIPPET})
 * that runs in the same remote command as the measurement, right before and right after it.
 *
 * @param socTemperatureC Raspberry Pi SoC temperature ({@code vcgencmd measure_temp}), NaN elsewhere
 * @param throttle Raspberry Pi throttle bits ({@code vcgencmd get_throttled}), or null
 * @param zonesC Linux thermal zones ({@code /sys/class/thermal}), type to °C (hottest per type)
 */
public record ThermalState(
    @JsonProperty("soc_temperature_c") double socTemperatureC,
    @JsonProperty("throttle") ThrottleState throttle,
    @JsonProperty("zones_c") Map<String, Double> zonesC) {
  /** A shell function {@code edgenas_thermal LABEL} printing a {@code @@edgenas LABEL} section. */
  static final String SNIPPET = "edgenas_thermal() { echo '" + DeviceProbe.MARK + "'\"$1\";"
      + " vcgencmd measure_temp 2>/dev/null; vcgencmd get_throttled 2>/dev/null;"
      + " for z in /sys/class/thermal/thermal_zone*; do [ -r \"$z/temp\" ] &&"
      + " echo \"zone $(cat \"$z/type\" 2>/dev/null) $(cat \"$z/temp\")\"; done 2>/dev/null; }";

  public ThermalState {
    zonesC = Map.copyOf(zonesC);
  }

  /** Parses one section printed by {@link #SNIPPET}; missing tools leave their fields empty. */
  public static ThermalState parse(String section) {
    double temp = Double.NaN;
    ThrottleState throttle = null;
    Map<String, Double> zones = new LinkedHashMap<>();
    for (String line : section.split("\\R")) {
      String s = line.strip();
      if (s.startsWith("temp=")) temp = Vcgencmd.temperature(s);
      else if (s.startsWith("throttled=")) throttle = ThrottleState.parse(s);
      else if (s.startsWith("zone ")) {
        String[] parts = s.split("\\s+");
        if (parts.length == 3 && parts[2].matches("-?\\d+")) {
          zones.merge(parts[1], Integer.parseInt(parts[2]) / 1000.0, Math::max);
        }
      }
    }
    return new ThermalState(temp, throttle, zones);
  }

  /** True when the device throttles right now (Raspberry Pi throttle bits). */
  @JsonIgnore
  public boolean throttledNow() {
    return throttle != null && throttle.currentlyLimited();
  }

  /** The hottest reading (SoC or any zone), NaN when the device reports none. */
  @JsonIgnore
  public double hottestC() {
    double max = socTemperatureC;
    for (double z : zonesC.values()) max = Double.isNaN(max) ? z : Math.max(max, z);
    return max;
  }
}
