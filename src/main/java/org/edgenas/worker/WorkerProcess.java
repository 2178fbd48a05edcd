package org.edgenas.worker;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.edgenas.train.ProgressListener;

/**
 * The child JVM of a {@link LocalWorkers} pool: reads one job per line on stdin ({@code {"request":
 * FILE, "out": DIR}}), runs it with an {@link EvaluationUnit} and answers one line on stdout
 * ({@code ok RESULT_FILE} or {@code error MESSAGE}). Everything else the process prints goes to
 * stderr, so stdout carries only answers. Ends when stdin closes.
 */
public final class WorkerProcess {
  private WorkerProcess() {}

  /** {@code WorkerProcess WORK_DIR}. */
  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    EvaluationUnit unit = new EvaluationUnit(Path.of(args[0]));
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    answers.println("ready");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) continue;
      try {
        var job = Json.mapper().readTree(line);
        Path out = Path.of(job.path("out").asText());
        unit.run(EvaluationRequest.read(Path.of(job.path("request").asText())), out, ProgressListener.NONE);
        answers.println("ok " + out.resolve(EvaluationUnit.RESULT));
      } catch (Exception | LinkageError e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        answers.println("error " + message.replace('\n', ' '));
      }
    }
  }
}
