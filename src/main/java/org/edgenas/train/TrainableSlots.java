package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.ParamSpec;

/**
 * A network's trainable parameters in Ultralytics' three optimizer groups (convolution weights
 * with weight decay, BatchNorm weights without, biases without and with their own warm-up rate),
 * and the global gradient-norm clip both optimizers apply first: gradients are scaled to an L2
 * norm of at most {@link #MAX_GRAD_NORM} (Ultralytics clips at 10 over many more steps; 100 keeps
 * a short proxy training fast while stopping the blow-ups of very short warm-ups).
 */
final class TrainableSlots {
  static final double MAX_GRAD_NORM = 100.0;

  /** One trainable parameter and its group. */
  record Slot(NDArray param, boolean decay, boolean bias) {}

  private TrainableSlots() {}

  static List<Slot> of(DjlNetwork net) {
    List<Slot> slots = new ArrayList<>();
    for (ParamSpec spec : net.specs()) {
      if (!spec.role().trainable()) continue;
      boolean bias = spec.role() == ParamSpec.Role.BIAS || spec.role() == ParamSpec.Role.BN_BETA;
      slots.add(new Slot(net.array(spec.name()), spec.role() == ParamSpec.Role.WEIGHT, bias));
    }
    return slots;
  }

  /**
   * The factor (≤ 1) that brings the global gradient norm down to {@link #MAX_GRAD_NORM}; NaN when
   * a gradient is not finite (the step must then be skipped).
   */
  static float clipFactor(List<Slot> slots) {
    double squares = 0;
    for (Slot s : slots) squares += s.param().getGradient().square().sum().getFloat();
    double norm = Math.sqrt(squares);
    if (!Double.isFinite(norm)) return Float.NaN;
    return norm > MAX_GRAD_NORM ? (float) (MAX_GRAD_NORM / (norm + 1e-6)) : 1f;
  }

  /** Zeroes every gradient (after a step, applied or skipped). */
  static void zeroGradients(List<Slot> slots) {
    for (Slot s : slots) JniUtils.zeroGrad((PtNDArray) s.param());
  }
}
