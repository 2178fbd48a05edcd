package org.edgenas.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.train.TrainingSpeed;

/**
 * The search's accuracy evaluator: {@link ProxyEvaluation} of a candidate, reported as the COCO
 * mAP of its deployed (compressed, exported) ONNX model, with the float and pruned-and-fine-tuned
 * mAPs beside it and the parent it came from named in the method; when the profile starts from a
 * checkpoint, {@code init_transferred}: how many of its tensors the candidate inherited, the method
 * naming those not transferred and the layers that started fresh. Beside them, {@code training_speed}:
 * the float parent's training-speed estimate ({@link TrainingSpeed}), where the parent was trained.
 */
public final class ProxyEvaluator implements Evaluator {
  public static final Set<String> METRICS = Set.of(
      "map50_95", "map50", "map50_95_float", "map50_95_pruned", "map50_float", "train_seconds", "init_transferred",
      Objective.TRAINING_SPEED);

  /** The name of the evaluator of supernet estimates (parents inherited, never proxy-trained). */
  public static final String SUPERNET = "supernet-estimate";

  private final ProxyEvaluation evaluation;
  private final String profileHash;
  private final String name;

  public ProxyEvaluator(ProxyEvaluation evaluation, String profileHash) {
    this(evaluation, profileHash, "proxy-train");
  }

  /**
   * @param name {@code proxy-train}, or {@link #SUPERNET} for an evaluation {@link ProxyEvaluation#inheriting}
   *     a supernet's parents (seconds each: not counted as a training, so every candidate gets one)
   */
  public ProxyEvaluator(ProxyEvaluation evaluation, String profileHash, String name) {
    this.evaluation = evaluation;
    this.profileHash = profileHash;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> metrics() {
    return METRICS;
  }

  @Override
  public String profileHash() {
    return profileHash;
  }

  @Override
  public String deviceFingerprint() {
    return "none";
  }

  @Override
  public boolean trains() {
    return !name.equals(SUPERNET);
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) {
    ProxyEvaluation.Result r = evaluation.evaluate(candidate.architecture());
    String method = r.method();
    Map<String, Measure> out = new LinkedHashMap<>();
    CocoMetrics deployed = r.deployedMetrics();
    out.put("map50_95", new Measure(deployed.ap(), Kind.MEASURED, method));
    out.put("map50", new Measure(deployed.ap50(), Kind.MEASURED, method));
    if (r.floatMetrics() != null) { // not scored for an inherited parent of a compressed candidate
      out.put("map50_95_float", new Measure(r.floatMetrics().ap(), Kind.MEASURED, "float parent " + r.parentHash() + ": " + method));
      out.put("map50_float", new Measure(r.floatMetrics().ap50(), Kind.MEASURED, "float parent " + r.parentHash() + ": " + method));
      CocoMetrics pruned = r.prunedMetrics() == null ? r.floatMetrics() : r.prunedMetrics();
      out.put("map50_95_pruned", new Measure(pruned.ap(), Kind.MEASURED,
          (r.prunedMetrics() == null ? "not pruned (equals the float parent): " : "pruned and fine-tuned, float: ") + method));
    }
    double speed = r.trainingSpeed();
    if (Double.isFinite(speed)) {
      out.put(Objective.TRAINING_SPEED, new Measure(speed, Kind.MEASURED, TrainingSpeed.describe(r.exported().parentSteps()) + " of the float parent "
          + r.parentHash() + (r.seeds().size() == 1 ? "" : ", the mean of " + r.seeds().size() + " trainings") + ": " + method));
    }
    out.put("train_seconds", new Measure(r.seconds(), Kind.MEASURED,
        "wall seconds of this evaluation" + (r.parentReused() ? " (parent training shared with an earlier candidate)" : "")));
    if (r.init() != null) {
      out.put("init_transferred", new Measure(r.init().transferred().size(), Kind.EXACT, r.init().summary()));
    }
    return out;
  }
}
