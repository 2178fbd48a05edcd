package org.edgenas.latency;

import java.util.Locale;

/** The human view of a {@link LatencyMeasurement}: model, input, method, machine, statistics, flags. */
public final class LatencyTable {
  private LatencyTable() {}

  public static String render(LatencyMeasurement m) {
    MachineFingerprint f = m.fingerprint();
    StringBuilder b = new StringBuilder();
    row(b, "model", m.model());
    row(b, "input", m.inputName() + " float " + shape(m));
    row(b, "method", m.method());
    row(b, "cpu", f.cpuModel() + " (" + f.cores() + " logical cores, " + f.memoryMib() + " MiB)");
    row(b, "os", f.os() + ", host " + f.hostname() + ", governor " + f.cpuGovernor());
    b.append('\n');
    LatencyStats s = m.stats();
    b.append(String.format(Locale.ROOT, "%6s %10s %10s %10s %10s %10s %10s %10s %7s%n",
        "n", "min ms", "median ms", "p90 ms", "p99 ms", "max ms", "mean ms", "stdev ms", "cv"));
    b.append(String.format(Locale.ROOT, "%6d %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %10.3f %6.1f%%%n",
        s.n(), s.minMs(), s.medianMs(), s.p90Ms(), s.p99Ms(), s.maxMs(), s.meanMs(), s.stdevMs(), 100 * s.cv()));
    b.append('\n');
    String cvs = m.attemptCvs().stream()
        .map(cv -> String.format(Locale.ROOT, "%.1f%%", 100 * cv))
        .reduce((x, y) -> x + ", " + y).orElse("");
    row(b, "re-measures", m.retries() + " (cv per attempt: " + cvs + "; limit "
        + String.format(Locale.ROOT, "%.1f%%", 100 * m.protocol().maxCv()) + ")");
    row(b, "flags", m.flags().isEmpty() ? "none" : String.join(", ", m.flags()));
    return b.toString();
  }

  private static String shape(LatencyMeasurement m) {
    return ImageInput.shapeText(m.inputShape().stream().mapToLong(Long::longValue).toArray());
  }

  private static void row(StringBuilder b, String label, String value) {
    b.append(String.format(Locale.ROOT, "%-12s %s%n", label, value));
  }
}
