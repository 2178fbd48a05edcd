package org.edgenas.compress;

import java.util.Map;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;

/** Copies the kept slices of one parent convolution's parameters into the pruned network's. */
final class WeightSlicer {
  private WeightSlicer() {}

  /** Conv: weight [out, in/g, k, k], bias and BN by output channel. */
  static void conv(Op.Conv parent, Weights w, int[] keptIn, int[] keptOut, Map<String, float[]> out) {
    out.put(parent.name() + ".weight", filters(w.get(parent.name() + ".weight"), parent.cout(), parent.cin(), parent.groups(), keptIn, keptOut));
    if (parent.bias()) out.put(parent.name() + ".bias", gather(w.get(parent.name() + ".bias"), keptOut));
    if (parent.bn()) batchNorm(parent.name() + ".bn", w, keptOut, out);
  }

  /** RepConv: every branch, the 1×1 scale branch and the identity BN, all by the same kept channels. */
  static void repConv(Op.RepConv parent, Weights w, int[] keptIn, int[] keptOut, Map<String, float[]> out) {
    for (int i = 0; i < parent.branches(); i++) {
      String b = parent.name() + ".rep." + i;
      out.put(b + ".weight", filters(w.get(b + ".weight"), parent.cout(), parent.cin(), parent.groups(), keptIn, keptOut));
      batchNorm(b + ".bn", w, keptOut, out);
    }
    if (parent.scaleBranch()) {
      String s = parent.name() + ".scale";
      out.put(s + ".weight", filters(w.get(s + ".weight"), parent.cout(), parent.cin(), parent.groups(), keptIn, keptOut));
      batchNorm(s + ".bn", w, keptOut, out);
    }
    if (parent.identityBranch()) batchNorm(parent.name() + ".skip.bn", w, keptOut, out);
  }

  private static void batchNorm(String prefix, Weights w, int[] kept, Map<String, float[]> out) {
    for (String p : new String[] {".weight", ".bias", ".mean", ".var"}) out.put(prefix + p, gather(w.get(prefix + p), kept));
  }

  static float[] gather(float[] v, int[] kept) {
    float[] out = new float[kept.length];
    for (int i = 0; i < kept.length; i++) out[i] = v[kept[i]];
    return out;
  }

  /**
   * Filters of the kept outputs over the kept inputs. Dense (groups 1): both axes sliced;
   * depthwise (one input per group): the output axis only; other groupings are never pruned
   * (the pairing check keeps their widths), so they are copied whole.
   */
  private static float[] filters(float[] w, int cout, int cin, int groups, int[] keptIn, int[] keptOut) {
    int perIn = cin / groups;
    int kk = w.length / (cout * perIn);
    if (groups == 1) {
      float[] out = new float[keptOut.length * keptIn.length * kk];
      int p = 0;
      for (int o : keptOut) {
        for (int i : keptIn) {
          System.arraycopy(w, (o * perIn + i) * kk, out, p, kk);
          p += kk;
        }
      }
      return out;
    }
    if (perIn == 1) {
      float[] out = new float[keptOut.length * kk];
      for (int j = 0; j < keptOut.length; j++) System.arraycopy(w, keptOut[j] * kk, out, j * kk, kk);
      return out;
    }
    if (keptOut.length != cout || keptIn.length != cin) {
      throw new IllegalArgumentException("grouped convolution " + cin + "->" + cout + " in " + groups + " groups cannot be pruned");
    }
    return w.clone();
  }
}
