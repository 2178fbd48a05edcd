package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.edgenas.arch.Weights;

/**
 * Re-parameterises every BatchNorm of a network so that its running statistics are those of one
 * batch, without changing what the network computes in inference mode: with the batch's input
 * mean μ' and variance v', γ' = γ·√(v'+ε)/√(v+ε), β' = β + γ·(μ'−μ)/√(v+ε), mean μ', var v'.
 * A training-mode forward of that batch then equals the inference-mode forward.
 *
 * <p>Why: a checkpoint with folded BatchNorm imports as identity statistics (mean 0, var 1−ε), and
 * training mode normalises by the batch's statistics instead, so the first step would not start
 * from the checkpoint's function. Matched to the first batch, step 0's loss is the checkpoint's.
 */
final class BatchNormMatch {
  private BatchNormMatch() {}

  /** Matches {@code net}'s BatchNorms to {@code images} in place (no gradient is recorded). */
  static void toBatch(DjlNetwork net, NDArray images) {
    Map<String, float[][]> stats = net.batchNormInputStatistics(images);
    for (var e : stats.entrySet()) {
      String bn = e.getKey();
      float[] gamma = net.array(bn + ".weight").toFloatArray();
      float[] beta = net.array(bn + ".bias").toFloatArray();
      float[] mean = net.array(bn + ".mean").toFloatArray();
      float[] var = net.array(bn + ".var").toFloatArray();
      float[] newMean = e.getValue()[0];
      float[] newVar = e.getValue()[1];
      float[] g = new float[gamma.length];
      float[] b = new float[gamma.length];
      for (int c = 0; c < g.length; c++) {
        double scale = gamma[c] / Math.sqrt(var[c] + Weights.BN_EPS);
        g[c] = (float) (scale * Math.sqrt(newVar[c] + Weights.BN_EPS));
        b[c] = (float) (beta[c] + scale * (newMean[c] - mean[c]));
      }
      net.array(bn + ".weight").set(g);
      net.array(bn + ".bias").set(b);
      net.array(bn + ".mean").set(newMean);
      net.array(bn + ".var").set(newVar);
    }
  }
}
