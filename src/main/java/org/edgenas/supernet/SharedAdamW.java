package org.edgenas.supernet;

import org.edgenas.arch.ParamSpec;

/**
 * AdamW on the shared tensors, once per training step after every sampled path has added its
 * gradient: the same rule as the proxy trainer's (global gradient-norm clip at 100, bias-corrected
 * moments, beta2 0.999, decoupled weight decay on convolution weights only, biases at their own
 * warm-up rate). A tensor no path touched in the step is left alone, moments included (PyTorch
 * gives it no gradient); a step with a non-finite gradient changes nothing and returns false.
 */
public final class SharedAdamW {
  static final double MAX_GRAD_NORM = 100.0;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private SharedAdamW() {}

  /**
   * @param updates the number of updates applied before this one (for the bias correction)
   * @return true when applied; gradients are zeroed either way
   */
  public static boolean step(SharedWeights shared, long updates, double lr, double biasLr, double beta1, double weightDecay) {
    double squares = 0;
    for (SharedWeights.Tensor t : shared.tensors().values()) {
      if (!t.touched) continue;
      for (float g : t.grad) squares += (double) g * g;
    }
    double norm = Math.sqrt(squares);
    boolean finite = Double.isFinite(norm);
    if (finite) {
      double clip = norm > MAX_GRAD_NORM ? MAX_GRAD_NORM / (norm + 1e-6) : 1;
      double c1 = 1 - Math.pow(beta1, updates + 1);
      double c2 = Math.sqrt(1 - Math.pow(BETA2, updates + 1));
      for (SharedWeights.Tensor t : shared.tensors().values()) {
        if (t.touched) update(t, clip, t.role() == ParamSpec.Role.WEIGHT ? lr : t.role() == ParamSpec.Role.BN_GAMMA ? lr : biasLr,
            beta1, t.role() == ParamSpec.Role.WEIGHT ? weightDecay : 0, c1, c2);
      }
    }
    for (SharedWeights.Tensor t : shared.tensors().values()) {
      if (!t.touched) continue;
      java.util.Arrays.fill(t.grad, 0f);
      t.touched = false;
    }
    return finite;
  }

  private static void update(SharedWeights.Tensor t, double clip, double rate, double beta1, double decay, double c1, double c2) {
    if (t.first == null) t.zeroMoments(); // read from a file without optimizer state
    float[] p = t.values, g = t.grad, m = t.first, v = t.second;
    float keep = (float) (1 - rate * decay);
    float b1 = (float) beta1, b2 = (float) BETA2;
    float step = (float) (rate / c1);
    float cl = (float) clip;
    float correction2 = (float) c2;
    for (int i = 0; i < p.length; i++) {
      float gi = g[i] * cl;
      if (decay > 0) p[i] *= keep;
      m[i] = m[i] * b1 + gi * (1 - b1);
      v[i] = v[i] * b2 + gi * gi * (1 - b2);
      p[i] -= step * m[i] / ((float) Math.sqrt(v[i]) / correction2 + (float) EPSILON);
    }
  }
}
