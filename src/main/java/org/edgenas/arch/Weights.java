package org.edgenas.arch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Values for every {@link ParamSpec} of a network, by name (float32, row-major). Made by seeded
 * initialisation or read back from a trained DJL network; consumed by the ONNX exporter.
 */
public record Weights(Map<String, float[]> values) {
  public static final double BN_EPS = 1e-3;

  public Weights {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public float[] get(String name) {
    float[] v = values.get(name);
    if (v == null) throw new IllegalArgumentException("no weights for parameter " + name);
    return v;
  }

  /**
   * Seeded initialisation as PyTorch does by default (conv weights and biases uniform in
   * ±1/√fan-in; BatchNorm γ=1, β=0, mean 0, var 1), the DFL weights 0..15, and the Detect biases
   * as Ultralytics' bias_init (box 1.0, class log(5/nc/(640/stride)²)).
   */
  public static Weights init(Network net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, float[]> out = new LinkedHashMap<>();
    for (ParamSpec p : ParamSpec.of(net)) {
      float[] v = new float[p.size()];
      switch (p.role()) {
        case WEIGHT, BIAS -> {
          double bound = 1 / Math.sqrt(p.fanIn());
          for (int i = 0; i < v.length; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        case BN_GAMMA, BN_VAR -> java.util.Arrays.fill(v, 1f);
        case FIXED -> {
          for (int i = 0; i < v.length; i++) v[i] = i;
        }
        default -> {}
      }
      out.put(p.name(), v);
    }
    detectBiases(net, out);
    return new Weights(out);
  }

  private static void detectBiases(Network net, Map<String, float[]> out) {
    for (Op op : net.ops()) {
      if (!(op instanceof Op.Detect d)) continue;
      List<Integer> strides = d.strides();
      for (int i = 0; i < strides.size(); i++) {
        String prefix = d.name().isEmpty() ? "" : d.name() + ".";
        float[] box = out.get(prefix + "cv2." + i + ".2.bias");
        float[] cls = out.get(prefix + "cv3." + i + ".2.bias");
        if (box != null) java.util.Arrays.fill(box, 1f);
        double s = strides.get(i);
        if (cls != null) java.util.Arrays.fill(cls, (float) Math.log(5.0 / d.nc() / Math.pow(640 / s, 2)));
      }
    }
  }

  /**
   * The same weights with the BatchNorm scales that close residual branches at zero (see {@link
   * ResidualBranches}): every residual block then starts as the identity.
   */
  public Weights withResidualBranchesZeroed(Network net) {
    Map<String, float[]> zeros = new LinkedHashMap<>();
    for (String gamma : ResidualBranches.closingGammas(net)) zeros.put(gamma, new float[get(gamma).length]);
    return with(zeros);
  }

  /** The same weights with some replaced (e.g. by trained values). */
  public Weights with(Map<String, float[]> replacements) {
    Map<String, float[]> m = new LinkedHashMap<>(values);
    m.putAll(replacements);
    return new Weights(m);
  }
}
