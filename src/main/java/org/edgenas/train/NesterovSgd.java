package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.ParamSpec;

/**
 * SGD with Nesterov momentum as PyTorch's (g += wd·p; v = m·v + g; p -= lr·(g + m·v)), in
 * Ultralytics' three groups: convolution weights with weight decay, BatchNorm weights without,
 * biases (conv and BatchNorm) without and with their own warm-up learning rate. Gradients are
 * first clipped to a global L2 norm of {@link #MAX_GRAD_NORM} (Ultralytics clips at 10 with many more steps; 100 keeps a
 * short proxy training fast while stopping the blow-ups of very short warm-ups). Runs outside
 * gradient recording; zeroes each gradient after use.
 */
final class NesterovSgd {
  static final double MAX_GRAD_NORM = 100.0;

  private record Slot(NDArray param, NDArray velocity, boolean decay, boolean bias) {}

  private final List<Slot> slots = new ArrayList<>();

  NesterovSgd(DjlNetwork net) {
    for (ParamSpec spec : net.specs()) {
      if (!spec.role().trainable()) continue;
      NDArray p = net.array(spec.name());
      NDArray v = net.manager().zeros(p.getShape());
      boolean bias = spec.role() == ParamSpec.Role.BIAS || spec.role() == ParamSpec.Role.BN_BETA;
      slots.add(new Slot(p, v, spec.role() == ParamSpec.Role.WEIGHT, bias));
    }
  }

  /** One update; temporaries are created in the caller's scope. */
  void step(double lr, double biasLr, double momentum, double weightDecay) {
    double squares = 0;
    for (Slot s : slots) squares += s.param.getGradient().square().sum().getFloat();
    double norm = Math.sqrt(squares);
    float clip = norm > MAX_GRAD_NORM ? (float) (MAX_GRAD_NORM / (norm + 1e-6)) : 1f;
    for (Slot s : slots) {
      NDArray grad = clip == 1f ? s.param.getGradient() : s.param.getGradient().mul(clip);
      NDArray g = s.decay && weightDecay > 0 ? grad.add(s.param.mul((float) weightDecay)) : grad;
      s.velocity.muli((float) momentum).addi(g);
      s.param.subi(g.add(s.velocity.mul((float) momentum)).muli((float) (s.bias ? biasLr : lr)));
      JniUtils.zeroGrad((PtNDArray) s.param);
    }
  }
}
