package org.edgenas.evaluation;

import org.edgenas.recipe.Objective;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Op;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;

/**
 * A per-device latency estimate from the cost model: {@code base + a·GFLOPs(fused) + b·MB moved},
 * where MB moved is the deployed weight bytes plus every op's float32 input and output bytes.
 * Always flagged {@link Kind#ESTIMATE}: it pre-screens budgets and never decides feasibility
 * when a measurement exists. {@link #fit} refits the coefficients on measured latencies (OLS).
 */
public final class LatencyPredictor implements Evaluator {
  /** Rough coefficients of a 2-core x86 laptop-class CPU running ONNX Runtime; refit on measurements. */
  public static final Coefficients DEFAULT = new Coefficients(0.3, 40.0, 0.15);

  /**
   * @param baseMs fixed cost per inference
   * @param msPerGflop cost per fused GFLOP
   * @param msPerMegabyte cost per MB (10^6 bytes) of weights and activations moved
   */
  public record Coefficients(double baseMs, double msPerGflop, double msPerMegabyte) {
    public Coefficients {
      if (!(baseMs >= 0 && msPerGflop >= 0 && msPerMegabyte >= 0)) {
        throw new IllegalArgumentException("latency coefficients must be >= 0, were " + baseMs + ", " + msPerGflop + ", " + msPerMegabyte);
      }
    }
  }

  /** What the predictor reads from one architecture. */
  public record Features(double gflopsFused, double megabytesMoved) {}

  /** One measured point for {@link #fit}. */
  public record Sample(Features features, double measuredMs) {}

  private final String device;
  private final Coefficients coefficients;

  public LatencyPredictor(String device, Coefficients coefficients) {
    this.device = device;
    this.coefficients = coefficients;
  }

  public static Features features(Architecture arch, int imgsz) {
    Network net = arch.lower(imgsz);
    CostReport cost = CostModel.of(net);
    long activationBytes = 0;
    for (Op op : net.ops()) {
      for (int t : op.inputs()) activationBytes += net.shape(t).numel() * 4;
      activationBytes += net.shape(op.output()).numel() * 4;
    }
    return new Features(cost.gflopsFused(), (cost.weightBytes() + activationBytes) / 1e6);
  }

  public double predictMs(Features f) {
    return coefficients.baseMs() + coefficients.msPerGflop() * f.gflopsFused() + coefficients.msPerMegabyte() * f.megabytesMoved();
  }

  public double predictMs(Architecture arch, int imgsz) {
    return predictMs(features(arch, imgsz));
  }

  /** Least-squares coefficients from measured samples (negative ones clipped to 0); needs 4 or more. */
  public static Coefficients fit(List<Sample> samples) {
    if (samples.size() < 4) throw new IllegalArgumentException("fitting needs at least 4 measured samples, got " + samples.size());
    double[] y = new double[samples.size()];
    double[][] x = new double[samples.size()][];
    for (int i = 0; i < y.length; i++) {
      y[i] = samples.get(i).measuredMs();
      x[i] = new double[] {samples.get(i).features().gflopsFused(), samples.get(i).features().megabytesMoved()};
    }
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(y, x);
    double[] b = ols.estimateRegressionParameters();
    return new Coefficients(Math.max(0, b[0]), Math.max(0, b[1]), Math.max(0, b[2]));
  }

  public String device() {
    return device;
  }

  @Override
  public String name() {
    return "latency-predictor@" + device;
  }

  @Override
  public Set<String> metrics() {
    return Set.of(Objective.key("latency_ms", device));
  }

  @Override
  public String profileHash() {
    return String.format(Locale.ROOT, "linear-%s-%s-%s", coefficients.baseMs(), coefficients.msPerGflop(), coefficients.msPerMegabyte());
  }

  @Override
  public String deviceFingerprint() {
    return "predicted:" + device;
  }

  @Override
  public Map<String, Measure> evaluate(Candidate candidate) {
    String method = String.format(Locale.ROOT, "linear latency predictor for %s: %.3g ms + %.3g ms/GFLOP + %.3g ms/MB moved",
        device, coefficients.baseMs(), coefficients.msPerGflop(), coefficients.msPerMegabyte());
    return Map.of(Objective.key("latency_ms", device),
        new Measure(predictMs(candidate.architecture(), candidate.imgsz()), Kind.ESTIMATE, method));
  }
}
