package org.edgenas.search;

import org.edgenas.evaluation.EvaluationPipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.edgenas.common.Json;

/**
 * What a run tells its user: one status line per generation on {@code out} (none when quiet),
 * warnings on {@code err} always, and every event as one JSON line in an optional log file.
 */
public final class Progress implements AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean quiet;
  private final Writer jsonLog;

  public Progress(PrintWriter out, PrintWriter err, boolean quiet, Path jsonLog) {
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    try {
      this.jsonLog = jsonLog == null ? null : Files.newBufferedWriter(jsonLog, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the JSON log " + jsonLog + ": " + e.getMessage(), e);
    }
  }

  /** A progress sink that prints nothing (tests, benchmarks). */
  public static Progress silent() {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    return new Progress(none, none, true, null);
  }

  public void info(String message) {
    if (!quiet) out.println(message);
    out.flush();
    event("info", Map.of("message", message));
  }

  public void warn(String message) {
    err.println("edgenas: warning: " + message);
    err.flush();
    event("warning", Map.of("message", message));
  }

  /** The status line of a finished generation. */
  public void generation(long generation, long generations, EvaluationPipeline.Counts counts, int frontSize,
      double hypervolume, double elapsedSeconds, double secondsLeft) {
    if (!quiet) {
      out.println(String.format(Locale.ROOT,
          "gen %d%s: %d evaluated (%d cached), %d trainings, %d measurements, %d failed, front %d, HV %.3f, %s elapsed%s",
          generation, generations > 0 ? "/" + generations : "", counts.evaluated(), counts.cached(), counts.trainings(),
          counts.measurements(), counts.failed(), frontSize, hypervolume, clock(elapsedSeconds),
          Double.isFinite(secondsLeft) ? ", ~" + clock(secondsLeft) + " left" : ""));
      out.flush();
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("generation", generation);
    fields.put("evaluated", counts.evaluated());
    fields.put("cached", counts.cached());
    fields.put("trainings", counts.trainings());
    fields.put("measurements", counts.measurements());
    fields.put("failed", counts.failed());
    fields.put("front", frontSize);
    fields.put("hypervolume", hypervolume);
    fields.put("elapsed_s", elapsedSeconds);
    if (Double.isFinite(secondsLeft)) fields.put("left_s", secondsLeft);
    event("generation", fields);
  }

  public synchronized void event(String event, Map<String, ?> fields) {
    if (jsonLog == null) return;
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.now().toString());
    line.put("event", event);
    line.putAll(fields);
    try {
      jsonLog.write(Json.line(line) + "\n");
      jsonLog.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the JSON log: " + e.getMessage(), e);
    }
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void close() {
    try {
      if (jsonLog != null) jsonLog.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the JSON log", e);
    }
  }
}
