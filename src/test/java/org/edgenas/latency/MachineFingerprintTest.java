package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;

class MachineFingerprintTest {
  @Test
  void cpuModelFromX86AndArmCpuinfo() {
    assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz",
        MachineFingerprint.cpuModel("processor\t: 0\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\nflags\t: fpu\n"));
    assertEquals("Raspberry Pi 5 Model B Rev 1.0",
        MachineFingerprint.cpuModel("processor\t: 0\nBogoMIPS\t: 108.00\n\nRevision\t: d04170\nModel\t\t: Raspberry Pi 5 Model B Rev 1.0\n"));
    assertEquals(MachineFingerprint.UNKNOWN, MachineFingerprint.cpuModel(""));
  }

  @Test
  void memoryFromMeminfoInMib() {
    assertEquals(7953, MachineFingerprint.memoryMib("MemTotal:        8144564 kB\nMemFree:  100 kB\n"));
    assertEquals(0, MachineFingerprint.memoryMib("nothing here"));
  }

  @Test
  void localFingerprintIsFilledAndRoundTripsThroughJson() throws Exception {
    MachineFingerprint f = MachineFingerprint.local("1.29.0", 3);
    assertTrue(f.cores() >= 1);
    assertTrue(f.memoryMib() > 0);
    assertEquals(3, f.threads());
    assertFalse(f.cpuModel().isBlank());
    assertFalse(f.cpuGovernor().isBlank());
    assertTrue(f.os().contains(System.getProperty("os.arch")));
    assertEquals(f, Json.mapper().readValue(Json.line(f), MachineFingerprint.class));
  }
}
