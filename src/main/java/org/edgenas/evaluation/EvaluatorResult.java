package org.edgenas.evaluation;

import java.util.Map;
import java.util.TreeMap;

/**
 * One evaluator's answer for one architecture: the unit of the evaluation cache, keyed by
 * (architecture hash, evaluator profile hash, device fingerprint). A failure is an answer too
 * (status {@code failed} with its reason): it is not retried on resume.
 */
public record EvaluatorResult(String key, String evaluator, String hash, String status, String reason,
    Map<String, Measure> values, double wallSeconds) {
  public static final String OK = "ok";
  public static final String FAILED = "failed";

  public EvaluatorResult {
    values = values == null ? Map.of() : new TreeMap<>(values);
    if (!status.equals(OK) && !status.equals(FAILED)) throw new IllegalArgumentException("status must be ok or failed, was " + status);
    if (status.equals(FAILED) && (reason == null || reason.isBlank())) throw new IllegalArgumentException("a failed result needs a reason");
  }

  /** The cache key of an evaluator's answer for an architecture. */
  public static String keyOf(Evaluator evaluator, String hash) {
    return hash + "|" + evaluator.name() + "|" + evaluator.profileHash() + "|" + evaluator.deviceFingerprint();
  }

  public boolean ok() {
    return status.equals(OK);
  }
}
