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
 * biases (conv and BatchNorm) without and with their own warm-up learning rate. Runs outside
 * gradient recording; zeroes each gradient after use.
 */
final class NesterovSgd {
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
    for (Slot s : slots) {
      NDArray grad = s.param.getGradient();
      NDArray g = s.decay && weightDecay > 0 ? grad.add(s.param.mul((float) weightDecay)) : grad;
      s.velocity.muli((float) momentum).addi(g);
      s.param.subi(g.add(s.velocity.mul((float) momentum)).muli((float) (s.bias ? biasLr : lr)));
      JniUtils.zeroGrad((PtNDArray) s.param);
    }
  }
}
