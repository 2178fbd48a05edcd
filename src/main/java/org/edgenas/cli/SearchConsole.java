package org.edgenas.cli;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.edgenas.common.Json;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.search.SearchListener;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.TrainingProgress;

/**
 * What {@code search} and {@code resume} show: the header, one line per finished candidate, one
 * status line per generation and notes on {@code out} (none when quiet), warnings on {@code err}
 * always, and every event as one JSON line in an optional log file. A candidate's training steps
 * are one line redrawn in place on a terminal, else a line at each quarter of a training, both
 * naming the candidate.
 */
final class SearchConsole implements SearchListener, AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean quiet;
  private final boolean terminal;
  private final Writer jsonLog;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private List<String> keys = List.of();
  private boolean lineOpen;
  /** Notes heard before the header (where proxy training runs, told while evaluators are made), shown under it. */
  private final List<String> beforeHeader = new java.util.ArrayList<>();
  private boolean headerShown;

  SearchConsole(PrintWriter out, PrintWriter err, boolean quiet, boolean terminal, Path jsonLog) {
    this.out = out;
    this.err = err;
    this.quiet = quiet;
    this.terminal = terminal;
    try {
      this.jsonLog = jsonLog == null ? null : Files.newBufferedWriter(jsonLog, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the JSON log " + jsonLog + ": " + e.getMessage(), e);
    }
  }

  /** Whether this JVM's standard output is a terminal (then training progress is redrawn in place). */
  static boolean stdoutIsTerminal() {
    var console = System.console();
    return console != null && console.isTerminal();
  }

  @Override
  public void started(Start start) {
    keys = start.recipe().neededMetrics();
    SearchHeader.lines(start).forEach(this::print);
    showNotesBeforeHeader();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("recipe", start.recipe().file());
    fields.put("run", start.runDir().toString());
    fields.put("space", start.space().file());
    fields.put("space_size", start.space().size().toString());
    fields.put("resumed_after", start.resumedAfter());
    event("start", fields);
  }

  @Override
  public void evaluating(Slot slot, Candidate candidate) {
    slots.put(candidate.hash(), slot);
  }

  @Override
  public void evaluated(Slot slot, Candidate candidate, Evaluation e) {
    print(CandidateLine.of(slot, candidate, e, keys));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("stage", slot.stage().name().toLowerCase(Locale.ROOT));
    fields.put("generation", slot.generation());
    fields.put("index", slot.index());
    if (slot.baseline() != null) fields.put("baseline", slot.baseline());
    fields.put("hash", e.hash());
    fields.put("status", e.status());
    if (!e.ok()) fields.put("reason", e.reason());
    Map<String, Object> values = new LinkedHashMap<>();
    e.values().forEach((k, m) -> values.put(k, Map.of("value", m.value(), "kind", m.kind().name())));
    fields.put("values", values);
    fields.put("feasible", e.feasible());
    event("candidate", fields);
  }

  @Override
  public void generationEnded(GenerationEnd g) {
    var c = g.counts();
    print(String.format(Locale.ROOT,
        "gen %d%s: %d evaluated (%d cached), %d trainings, %d measurements, %d failed, front %d, HV %.3f, %s elapsed%s",
        g.generation(), g.generations() > 0 ? "/" + g.generations() : "", c.evaluated(), c.cached(), c.trainings(),
        c.measurements(), c.failed(), g.frontSize(), g.hypervolume(), clock(g.elapsedSeconds()),
        Double.isFinite(g.secondsLeft()) ? ", ~" + clock(g.secondsLeft()) + " left" : ""));
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("generation", g.generation());
    fields.put("evaluated", c.evaluated());
    fields.put("cached", c.cached());
    fields.put("trainings", c.trainings());
    fields.put("measurements", c.measurements());
    fields.put("failed", c.failed());
    fields.put("front", g.frontSize());
    fields.put("hypervolume", g.hypervolume());
    fields.put("elapsed_s", g.elapsedSeconds());
    if (Double.isFinite(g.secondsLeft())) fields.put("left_s", g.secondsLeft());
    event("generation", fields);
  }

  @Override
  public void info(String message) {
    synchronized (this) {
      if (!headerShown) beforeHeader.add(message);
    }
    if (headerShown) print(message);
    event("info", Map.of("message", message));
  }

  private synchronized void showNotesBeforeHeader() {
    headerShown = true;
    beforeHeader.forEach(m -> print("  note        " + m));
    beforeHeader.clear();
  }

  @Override
  public synchronized void warn(String message) {
    closeLine();
    err.println("edgenas: warning: " + message);
    err.flush();
    event("warning", Map.of("message", message));
  }

  /** The listener of the proxy trainings of the candidate with this hash; silent when quiet. */
  ProgressListener training(String hash) {
    if (quiet) return ProgressListener.NONE;
    return p -> trainingStep(null, hash, p);
  }

  /** The steps of a front model's standalone ({@code final:}) training, labelled final rather than by the generation that found it. */
  ProgressListener finalTraining(String hash) {
    if (quiet) return ProgressListener.NONE;
    return p -> trainingStep("final", hash, p);
  }

  private synchronized void trainingStep(String label, String hash, TrainingProgress p) {
    Slot slot = label == null ? slots.get(hash) : null;
    String who = (label != null ? label + " " : slot == null ? "" : CandidateLine.place(slot) + " ") + CandidateLine.shortHash(hash);
    String stats = String.format(Locale.ROOT, "step %d/%d  loss %.3f  %.0f img/s  %s left",
        p.step(), p.steps(), p.loss(), p.imagesPerSecond(), clock(p.remaining().toSeconds()));
    if (terminal) {
      int filled = (int) (20L * p.step() / p.steps());
      out.print("\r\033[K  training " + who + " [" + "#".repeat(filled) + " ".repeat(20 - filled) + "] " + stats);
      out.flush();
      lineOpen = true;
    } else if (p.step() == p.steps() || p.steps() >= 40 && p.step() % Math.max(1, p.steps() / 4) == 0) {
      out.println("  training " + who + "  " + stats);
      out.flush();
    }
  }

  private synchronized void print(String line) {
    if (quiet) return;
    closeLine();
    out.println(line);
    out.flush();
  }

  /** Clears the redrawn training line before another line is printed. */
  private void closeLine() {
    if (!lineOpen) return;
    out.print("\r\033[K");
    out.flush();
    lineOpen = false;
  }

  private synchronized void event(String event, Map<String, ?> fields) {
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

  static String clock(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  /** Ends an open training line and closes the JSON log. */
  @Override
  public synchronized void close() {
    showNotesBeforeHeader();
    closeLine();
    try {
      if (jsonLog != null) jsonLog.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the JSON log", e);
    }
  }
}
