package org.edgenas.onnx;

import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;

/**
 * A convolution ready for inference: weight [cout, cin/groups, k, k] and bias [cout] with every
 * BatchNorm folded in ({@link Weights#BN_EPS}) and, for a GhostNetV3 {@link Op.RepConv}, every
 * branch summed into one k×k kernel (the 1×1 scale branch padded at the centre, the BN-only
 * identity branch as an identity kernel that respects groups).
 */
record FoldedConv(float[] weight, float[] bias, int cout, int cinPerGroup, int k) {
  FoldedConv {
    if (weight.length != cout * cinPerGroup * k * k || bias.length != cout) {
      throw new IllegalArgumentException("folded conv sizes do not match " + cout + "x" + cinPerGroup + "x" + k + "x" + k);
    }
  }

  static FoldedConv of(Op.Conv c, Weights w) {
    int per = c.cin() / c.groups();
    float[] weight = w.get(c.name() + ".weight").clone();
    float[] bias = c.bias() ? w.get(c.name() + ".bias").clone() : new float[c.cout()];
    FoldedConv plain = new FoldedConv(weight, bias, c.cout(), per, c.k());
    return c.bn() ? plain.withBatchNorm(w, c.name() + ".bn") : plain;
  }

  static FoldedConv of(Op.RepConv r, Weights w) {
    int per = r.cin() / r.groups();
    int k = r.k();
    FoldedConv sum = new FoldedConv(new float[r.cout() * per * k * k], new float[r.cout()], r.cout(), per, k);
    for (int i = 0; i < r.branches(); i++) {
      String b = r.name() + ".rep." + i;
      sum = sum.plus(new FoldedConv(w.get(b + ".weight").clone(), new float[r.cout()], r.cout(), per, k).withBatchNorm(w, b + ".bn"));
    }
    if (r.scaleBranch()) {
      FoldedConv scale = new FoldedConv(w.get(r.name() + ".scale.weight").clone(), new float[r.cout()], r.cout(), per, 1)
          .withBatchNorm(w, r.name() + ".scale.bn");
      sum = sum.plus(scale.paddedTo(k));
    }
    if (r.identityBranch()) sum = sum.plus(identity(r.cout(), per, k).withBatchNorm(w, r.name() + ".skip.bn"));
    return sum;
  }

  /** y = γ·(conv(x) + b − μ)/√(σ²+ε) + β as one convolution. */
  FoldedConv withBatchNorm(Weights w, String prefix) {
    float[] gamma = w.get(prefix + ".weight");
    float[] beta = w.get(prefix + ".bias");
    float[] mean = w.get(prefix + ".mean");
    float[] var = w.get(prefix + ".var");
    int per = cinPerGroup * k * k;
    float[] wOut = new float[weight.length];
    float[] bOut = new float[cout];
    for (int o = 0; o < cout; o++) {
      double scale = gamma[o] / Math.sqrt(var[o] + Weights.BN_EPS);
      for (int i = 0; i < per; i++) wOut[o * per + i] = (float) (weight[o * per + i] * scale);
      bOut[o] = (float) ((bias[o] - mean[o]) * scale + beta[o]);
    }
    return new FoldedConv(wOut, bOut, cout, cinPerGroup, k);
  }

  FoldedConv plus(FoldedConv other) {
    if (other.weight.length != weight.length) throw new IllegalArgumentException("cannot add kernels of different shapes");
    float[] wOut = weight.clone();
    float[] bOut = bias.clone();
    for (int i = 0; i < wOut.length; i++) wOut[i] += other.weight[i];
    for (int i = 0; i < bOut.length; i++) bOut[i] += other.bias[i];
    return new FoldedConv(wOut, bOut, cout, cinPerGroup, k);
  }

  /** This (odd) kernel zero-padded to {@code size}×{@code size} around the centre. */
  FoldedConv paddedTo(int size) {
    int off = (size - k) / 2;
    float[] out = new float[cout * cinPerGroup * size * size];
    for (int oc = 0; oc < cout * cinPerGroup; oc++) {
      for (int y = 0; y < k; y++) {
        for (int x = 0; x < k; x++) out[(oc * size + y + off) * size + x + off] = weight[(oc * k + y) * k + x];
      }
    }
    return new FoldedConv(out, bias.clone(), cout, cinPerGroup, size);
  }

  /** The kernel that copies input channel o to output channel o (within its group). */
  static FoldedConv identity(int channels, int cinPerGroup, int k) {
    float[] w = new float[channels * cinPerGroup * k * k];
    for (int o = 0; o < channels; o++) w[((o * cinPerGroup + o % cinPerGroup) * k + k / 2) * k + k / 2] = 1;
    return new FoldedConv(w, new float[channels], channels, cinPerGroup, k);
  }
}
