package org.edgenas.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Training progress on a stream: a bar redrawn in place on a terminal (step, loss, images/s,
 * time left), or a plain line every {@code every} steps (and at the end) otherwise.
 */
public final class ConsoleProgress implements ProgressListener {
  private static final int BAR = 24;
  private final PrintStream out;
  private final boolean terminal;
  private final int every;

  public ConsoleProgress(PrintStream out, boolean terminal, int every) {
    if (every < 1) throw new IllegalArgumentException("every must be at least 1, was " + every);
    this.out = out;
    this.terminal = terminal;
    this.every = every;
  }

  /** On stderr, as a bar when the JVM has a terminal. */
  public static ConsoleProgress stderr() {
    var console = System.console();
    return new ConsoleProgress(System.err, console != null && console.isTerminal(), 20);
  }

  @Override
  public void onStep(TrainingProgress p) {
    boolean last = p.step() == p.steps();
    String stats = String.format(Locale.ROOT, "step %d/%d  loss %.3f (box %.3f cls %.3f dfl %.3f)  %.1f img/s  %s left",
        p.step(), p.steps(), p.loss(), p.box(), p.cls(), p.dfl(), p.imagesPerSecond(), clock(p.remaining()));
    if (terminal) {
      int filled = (int) ((long) BAR * p.step() / p.steps());
      out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] " + stats + (last ? "\n" : ""));
      out.flush();
    } else if (p.step() % every == 0 || last) {
      out.println(stats);
    }
  }

  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
