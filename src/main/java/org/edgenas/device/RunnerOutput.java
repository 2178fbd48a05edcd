package org.edgenas.device;

import java.util.List;

/**
 * What a runner read from its tool: the per-iteration times in milliseconds (the host turns them into
 * statistics), the runtime and its version as the tool reported it, a sentence saying how the tool
 * measured, the tool's own flags, and the engine build time (trtexec; NaN when nothing was built in
 * this run or the runtime builds none).
 */
public record RunnerOutput(List<Double> timesMs, String runtimeVersion, String method, List<String> flags,
    double engineBuildSeconds) {
  public RunnerOutput {
    if (timesMs == null || timesMs.isEmpty()) throw new IllegalArgumentException("a runner must return at least one time");
    timesMs = List.copyOf(timesMs);
    flags = flags == null ? List.of() : List.copyOf(flags);
    if (runtimeVersion == null || runtimeVersion.isBlank()) runtimeVersion = "unknown";
  }

  /** The sum of the timed runs, in ms: the part of the wall time spent in the timed loop. */
  public double timedLoopMs() {
    return timesMs.stream().mapToDouble(Double::doubleValue).sum();
  }
}
