package org.edgenas.compress;

import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;

/**
 * How important each output channel of a convolution is; the pruner sums these over every
 * convolution tied to a channel and keeps the largest sums. {@link #L1_BN_SCALED} is the
 * default: the L1 norm of the filter times the BatchNorm scale |γ|/√(var+ε), i.e. the L1 norm of
 * the filter after BN folding, which is what the deployed network actually multiplies by. Plain
 * L1 ignores that BN can shrink a large filter to nothing, and |γ| alone ignores the filter's
 * own magnitude (and is undefined for the convolutions without BN).
 */
public enum Importance {
  /** L1 norm of the BN-folded filter (BN-less convolutions: the plain L1 norm). */
  L1_BN_SCALED,
  /** L1 norm of the raw filter. */
  L1,
  /** BatchNorm |γ| (network slimming); convolutions without BN fall back to the filter's L1 norm. */
  BN_GAMMA,
  /**
   * No importance: every tied group keeps its first channels, so a narrower network takes a channel
   * prefix of the wider one (the slicing of slimmable networks and of a weight-sharing supernet).
   */
  ORDER;

  /**
   * The {@code keep} of {@code candidates} with the largest scores (ties: the smaller index), in
   * ascending order: the pruner's choice within a group of tied channels, and the choice of any
   * other code that cuts trained channels.
   */
  public static int[] largest(java.util.List<Integer> candidates, double[] scores, int keep) {
    java.util.List<Integer> order = new java.util.ArrayList<>(candidates);
    order.sort((x, y) -> scores[x] != scores[y] ? Double.compare(scores[y], scores[x]) : Integer.compare(x, y));
    return order.subList(0, keep).stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** Per-output-channel importance of a Conv or RepConv (every branch summed); null for other ops. */
  public double[] scores(Op op, Weights w) {
    if (this == ORDER) return null;
    return switch (op) {
      case Op.Conv c -> filter(w, c.name(), c.bn() ? c.name() + ".bn" : null, c.cout());
      case Op.RepConv r -> {
        double[] sum = new double[r.cout()];
        for (int i = 0; i < r.branches(); i++) addTo(sum, filter(w, r.name() + ".rep." + i, r.name() + ".rep." + i + ".bn", r.cout()));
        if (r.scaleBranch()) addTo(sum, filter(w, r.name() + ".scale", r.name() + ".scale.bn", r.cout()));
        if (r.identityBranch()) addTo(sum, bnOnly(w, r.name() + ".skip.bn", r.cout()));
        yield sum;
      }
      default -> null;
    };
  }

  private double[] filter(Weights w, String conv, String bn, int cout) {
    float[] weight = w.get(conv + ".weight");
    int per = weight.length / cout;
    double[] out = new double[cout];
    if (this == BN_GAMMA && bn != null) {
      float[] gamma = w.get(bn + ".weight");
      for (int o = 0; o < cout; o++) out[o] = Math.abs(gamma[o]);
      return out;
    }
    for (int o = 0; o < cout; o++) {
      double s = 0;
      for (int j = o * per; j < (o + 1) * per; j++) s += Math.abs(weight[j]);
      out[o] = s;
    }
    if (this == L1_BN_SCALED && bn != null) {
      double[] scale = bnScale(w, bn, cout);
      for (int o = 0; o < cout; o++) out[o] *= scale[o];
    }
    return out;
  }

  private double[] bnOnly(Weights w, String bn, int cout) {
    if (this == L1_BN_SCALED) return bnScale(w, bn, cout);
    double[] out = new double[cout];
    float[] gamma = w.get(bn + ".weight");
    for (int o = 0; o < cout; o++) out[o] = this == BN_GAMMA ? Math.abs(gamma[o]) : 1;
    return out;
  }

  private static double[] bnScale(Weights w, String bn, int cout) {
    float[] gamma = w.get(bn + ".weight");
    float[] var = w.get(bn + ".var");
    double[] out = new double[cout];
    for (int o = 0; o < cout; o++) out[o] = Math.abs(gamma[o]) / Math.sqrt(var[o] + Weights.BN_EPS);
    return out;
  }

  private static void addTo(double[] sum, double[] x) {
    for (int i = 0; i < sum.length; i++) sum[i] += x[i];
  }
}
