package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.edgenas.train.ConsoleProgress;
import org.edgenas.train.ProgressListener;
import org.edgenas.worker.EvaluationRequest;
import org.edgenas.worker.EvaluationResult;
import org.edgenas.worker.EvaluationUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas evaluate REQUEST.json --out DIR}: one evaluation unit, as a search's worker runs it. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Run one evaluation request with the search's proxy evaluator, as a worker does.",
      "The request names the architecture, the dataset (reference and fingerprint), the evaluator profile and the seed.",
      "Writes DIR/result.json (the answer the search caches) and DIR/model.onnx.",
      "Idempotent: when DIR already holds this request's result, nothing is trained again."
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REQUEST.json", description = "The request (format edgenas-evaluation-request, version 1).")
  Path request;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write result.json and model.onnx.")
  Path out;

  @Option(names = "--work", paramLabel = "DIR", description = "Where trained parents are kept and shared (default: DIR/../.edgenas-work).")
  Path work;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() {
    EvaluationRequest r = EvaluationRequest.read(request);
    PrintWriter w = spec.commandLine().getOut();
    EvaluationResult cached = EvaluationUnit.existing(r, out);
    Path workDir = work != null ? work : out.toAbsolutePath().normalize().resolveSibling(".edgenas-work");
    EvaluationResult result = cached != null ? cached
        : new EvaluationUnit(workDir).run(r, out, quiet ? ProgressListener.NONE : ConsoleProgress.stderr());
    var answer = result.result();
    if (cached != null) w.println("already evaluated (nothing trained): " + out.resolve(EvaluationUnit.RESULT));
    if (answer.ok()) {
      w.printf(java.util.Locale.ROOT, "%s: mAP50-95 %.4f, mAP50 %.4f (%.1f s)%n", answer.hash(), answer.values().get("map50_95").value(),
          answer.values().get("map50").value(), answer.wallSeconds());
    } else {
      w.println(answer.hash() + ": failed: " + answer.reason());
    }
    w.println("wrote " + out.resolve(EvaluationUnit.RESULT));
    w.flush();
    return answer.ok() ? Main.OK : Main.FAILURE;
  }
}
