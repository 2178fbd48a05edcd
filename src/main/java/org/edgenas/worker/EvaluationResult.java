package org.edgenas.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.evaluation.EvaluatorResult;

/**
 * What one {@link EvaluationRequest} gave, versioned JSON ({@code result.json}): the evaluator's
 * answer as the search caches it, and the artifacts (the deployed ONNX model) by URI and SHA-256,
 * never their bytes, so a result stays far below a cluster's payload limit.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param requestDigest {@link EvaluationRequest#digest()} of the request it answers
 * @param edgenasVersion the worker's edgenas version
 * @param worker who ran it ({@code host/pid})
 * @param attempt 1 for the first try; more when a cluster retried it after losing a worker
 * @param result the answer, keyed as the search's cache keys it
 * @param artifacts files it wrote (empty for a failed evaluation)
 */
public record EvaluationResult(String format, int version, String requestDigest, String edgenasVersion, String worker,
    int attempt, EvaluatorResult result, List<Artifact> artifacts) {
  public static final String FORMAT = "edgenas-evaluation-result";
  public static final int VERSION = 1;

  /** One file of a result: its name, where it lies ({@code file:} URI) and its SHA-256. */
  public record Artifact(String name, String uri, String sha256, long bytes) {}

  public EvaluationResult {
    Objects.requireNonNull(result, "result");
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }

  public static EvaluationResult of(String requestDigest, String edgenasVersion, String worker, EvaluatorResult result,
      List<Artifact> artifacts) {
    return new EvaluationResult(FORMAT, VERSION, requestDigest, edgenasVersion, worker, 1, result, artifacts);
  }

  /** This result as answered on try {@code n}. */
  public EvaluationResult withAttempt(int n) {
    return new EvaluationResult(format, version, requestDigest, edgenasVersion, worker, n, result, artifacts);
  }

  public String toJson() {
    return Json.line(this);
  }

  public void write(Path file) {
    AtomicFiles.writeString(file, Json.pretty(this));
  }

  public static EvaluationResult parse(String json, String where) {
    try {
      var node = Json.mapper().readTree(json);
      if (!FORMAT.equals(node.path("format").asText()) || node.path("version").asInt() != VERSION) {
        throw new BadInputException(where + ": format/version must be " + FORMAT + "/" + VERSION + ", was "
            + node.path("format") + "/" + node.path("version"));
      }
      return Json.mapper().treeToValue(node, EvaluationResult.class);
    } catch (IOException e) {
      throw new BadInputException(where + ": not a readable result (" + e.getMessage() + ")");
    }
  }

  public static EvaluationResult read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read the result (" + e.getMessage() + ")");
    }
  }

  /** The artifact named {@code name}, or null. */
  public Artifact artifact(String name) {
    return artifacts.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
  }
}
