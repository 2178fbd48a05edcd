package org.edgenas.results;

import java.util.Map;
import java.util.Set;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;

/**
 * Test doubles that stand in for proxy training and device timings so a real search runs in
 * seconds: each value is a fixed function of the candidate's cost (and, for a little spread, its
 * hash), and every method text says it is a test double, not a training or a timing.
 */
final class FixtureEvaluators {
  static final String NOT_REAL = "test double, not a real ";

  private FixtureEvaluators() {}

  /** mAP50-95 as a function of params and GFLOPs; architectures whose hash starts with 'f' "diverge". */
  static final class Accuracy implements Evaluator {
    @Override
    public String name() {
      return "fixture-accuracy";
    }

    @Override
    public Set<String> metrics() {
      return Set.of("map50_95");
    }

    @Override
    public String profileHash() {
      return "fixture-accuracy-1";
    }

    @Override
    public String deviceFingerprint() {
      return "none";
    }

    @Override
    public boolean trains() {
      return true;
    }

    @Override
    public Map<String, Measure> evaluate(Candidate c) {
      if (c.hash().startsWith("f")) throw new IllegalStateException("proxy training diverged (" + NOT_REAL + "training)");
      return Map.of("map50_95", new Measure(map(c), Kind.MEASURED, NOT_REAL + "proxy training: 0.08 + 0.05 log10(params/1e4) + 0.3 GFLOPs + hash noise"));
    }

    static double map(Candidate c) {
      CostReport cost = CostModel.of(c.architecture(), c.imgsz());
      return Math.min(0.6, 0.08 + 0.05 * Math.log10(cost.params() / 1e4) + 0.3 * cost.gflops() + noise(c.hash(), 0.01));
    }
  }

  /** Latency on one device as overhead + slope × GFLOPs, plus up to 2% by hash. */
  static final class Latency implements Evaluator {
    private final String device;
    private final double overheadMs, msPerGflop;

    Latency(String device, double overheadMs, double msPerGflop) {
      this.device = device;
      this.overheadMs = overheadMs;
      this.msPerGflop = msPerGflop;
    }

    @Override
    public String name() {
      return "fixture-latency@" + device;
    }

    @Override
    public Set<String> metrics() {
      return Set.of("latency_ms@" + device);
    }

    @Override
    public String profileHash() {
      return "fixture-latency-" + overheadMs + "-" + msPerGflop;
    }

    @Override
    public String deviceFingerprint() {
      return "fixture-" + device;
    }

    @Override
    public Map<String, Measure> evaluate(Candidate c) {
      return Map.of("latency_ms@" + device, new Measure(latency(c), Kind.MEASURED, NOT_REAL + "timing on " + device
          + String.format(java.util.Locale.ROOT, ": %.1f ms + %.0f ms/GFLOP", overheadMs, msPerGflop)));
    }

    double latency(Candidate c) {
      double base = overheadMs + msPerGflop * CostModel.of(c.architecture(), c.imgsz()).gflops();
      return base * (1 + Math.abs(noise(c.hash(), 0.02)));
    }
  }

  /** A value in [-scale, scale) fixed by the hash. */
  static double noise(String hash, double scale) {
    return (Long.parseUnsignedLong(hash.substring(0, 8), 16) / (double) 0x1_0000_0000L * 2 - 1) * scale;
  }
}
