package org.edgenas.device;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first line of {@code java -version} and whether it is new enough for the edgenas agent. */
public final class JavaVersions {
  /** The agent is compiled for Java 25. */
  public static final int REQUIRED = 25;
  private static final Pattern VERSION = Pattern.compile("version \"(1\\.)?(\\d+)");

  private JavaVersions() {}

  /** The major version in a {@code java -version} line ({@code openjdk version "25.0.3"} gives 25), or -1. */
  public static int major(String versionLine) {
    Matcher m = VERSION.matcher(versionLine == null ? "" : versionLine);
    return m.find() ? Integer.parseInt(m.group(2)) : -1;
  }

  /** Why {@code versionLine} cannot run the agent, or null when it can. */
  public static String problem(String versionLine) {
    if (versionLine == null || versionLine.isBlank()) return "no java found (set 'java:' in the device file)";
    int major = major(versionLine);
    if (major < 0) return "java did not report a version (" + versionLine.strip() + ")";
    if (major < REQUIRED) {
      return "java " + major + " is too old for the edgenas agent (needs " + REQUIRED + " or newer; found '"
          + versionLine.strip() + "'; point 'java:' in the device file at a Java " + REQUIRED + ")";
    }
    return null;
  }
}
