package org.edgenas.device;

/** Small helpers to find a runner's result line in output that may hold other lines too. */
final class RunnerLines {
  private RunnerLines() {}

  /** The last line that starts with '{' and ends with '}', stripped; null when there is none. */
  static String lastJsonLine(String output) {
    String found = null;
    for (String line : output.split("\\R")) {
      String s = line.strip();
      if (s.startsWith("{") && s.endsWith("}")) found = s;
    }
    return found;
  }
}
