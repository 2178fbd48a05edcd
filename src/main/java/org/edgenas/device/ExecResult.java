package org.edgenas.device;

import java.time.Duration;

/**
 * What a remote command returned. Output is cut at a size limit ({@code stdoutTruncated} /
 * {@code stderrTruncated} say so); {@code exitCode} is -1 when the device reported none (killed).
 */
public record ExecResult(
    int exitCode, String stdout, String stderr, boolean stdoutTruncated, boolean stderrTruncated, Duration elapsed) {
  public ExecResult {
    stdout = stdout == null ? "" : stdout;
    stderr = stderr == null ? "" : stderr;
  }

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last non-blank line of stderr, stripped, or "" when there is none. */
  public String lastStderrLine() {
    String[] lines = stderr.strip().split("\\R");
    String last = lines[lines.length - 1].strip();
    return last.length() > 300 ? last.substring(0, 300) + "..." : last;
  }
}
