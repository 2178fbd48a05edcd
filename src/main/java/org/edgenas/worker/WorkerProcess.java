package org.edgenas.worker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.edgenas.train.TrainingProgress;

/**
 * The child JVM of a {@link LocalWorkers} pool: reads one job per line on stdin ({@code {"request":
 * FILE, "out": DIR}}), runs it with an {@link EvaluationUnit} and answers one line on stdout
 * ({@code ok RESULT_FILE}, {@code refused MESSAGE} or {@code error MESSAGE}), after one {@code progress STEP/STEPS ...} line per
 * training step ({@link #progressLine}). Everything else the process prints goes to stderr, so stdout carries only these
 * lines. Ends when stdin closes or its parent process dies (a killed cluster worker leaves no
 * training behind).
 */
public final class WorkerProcess {
  static final String READY = "ready";
  /** The start of a progress line: {@code progress STEP/STEPS}, one per training step. */
  static final String PROGRESS = "progress ";
  /** The start of the answer to a request this worker must not run (another version, another dataset, a bad request). */
  static final String REFUSED = "refused ";

  private WorkerProcess() {}

  /** {@code STEP/STEPS LOSS BOX CLS DFL IMAGES_PER_S ELAPSED_MS REMAINING_MS}: a training step as a progress line carries it. */
  static String progressLine(TrainingProgress p) {
    return p.step() + "/" + p.steps() + " " + p.loss() + " " + p.box() + " " + p.cls() + " " + p.dfl() + " " + p.imagesPerSecond()
        + " " + p.elapsed().toMillis() + " " + p.remaining().toMillis();
  }

  /** The training step of a {@link #progressLine}; null for a line it cannot read. */
  static TrainingProgress parseProgress(String line) {
    try {
      String[] f = line.split(" ");
      String[] step = f[0].split("/");
      return new TrainingProgress(Integer.parseInt(step[0]), Integer.parseInt(step[1]), Float.parseFloat(f[1]), Float.parseFloat(f[2]),
          Float.parseFloat(f[3]), Float.parseFloat(f[4]), Double.parseDouble(f[5]), java.time.Duration.ofMillis(Long.parseLong(f[6])),
          java.time.Duration.ofMillis(Long.parseLong(f[7])));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** {@code WorkerProcess WORK_DIR}. */
  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    EvaluationUnit unit = new EvaluationUnit(Path.of(args[0]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    answers.println(READY);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      try {
        var job = Json.mapper().readTree(line);
        Path out = Path.of(job.path("out").asText());
        unit.run(EvaluationRequest.read(Path.of(job.path("request").asText())), out,
            p -> answers.println(PROGRESS + progressLine(p)));
        answers.println("ok " + out.resolve(EvaluationUnit.RESULT));
      } catch (EvaluationUnit.Refusal | org.edgenas.common.BadInputException e) {
        answers.println(REFUSED + e.getMessage().replace('\n', ' '));
      } catch (Exception | LinkageError e) {
        String message = e.toString();
        answers.println("error " + message.replace('\n', ' '));
      }
    }
  }
}
