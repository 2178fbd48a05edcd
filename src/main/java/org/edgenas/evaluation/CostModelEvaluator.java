package org.edgenas.evaluation;

import java.util.Map;
import java.util.Set;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;

/** Parameters, GFLOPs, deployed model bytes and peak activation memory from the exact cost model. */
public final class CostModelEvaluator implements Evaluator {
  static final Set<String> METRICS = Set.of("params", "gflops", "model_bytes", "peak_memory_bytes");
  private static final String METHOD = "cost model (org.edgenas.cost.CostModel)";

  @Override
  public String name() {
    return "cost";
  }

  @Override
  public Set<String> metrics() {
    return METRICS;
  }

  @Override
  public String profileHash() {
    return "cost-model-1";
  }

  @Override
  public String deviceFingerprint() {
    return "none";
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) {
    CostReport cost = CostModel.of(candidate.architecture(), candidate.imgsz());
    return Map.of(
        "params", new Measure(cost.params(), Kind.EXACT, METHOD),
        "gflops", new Measure(cost.gflops(), Kind.EXACT, METHOD),
        "model_bytes", new Measure(cost.weightBytes(), Kind.EXACT, METHOD + ", weights at each layer's bit width"),
        "peak_memory_bytes", new Measure(cost.peakActivationBytes(), Kind.EXACT, METHOD + ", float32 activations, batch 1"));
  }
}
