package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with Nesterov momentum as PyTorch's (g += wd·p; v = m·v + g; p -= lr·(g + m·v)) over
 * {@link TrainableSlots}' groups, after the global gradient clip.
 */
final class NesterovSgd implements ParameterUpdate {
  private final List<TrainableSlots.Slot> slots;
  private final List<NDArray> velocities = new ArrayList<>();

  NesterovSgd(DjlNetwork net) {
    slots = TrainableSlots.of(net);
    for (TrainableSlots.Slot s : slots) velocities.add(net.manager().zeros(s.param().getShape()));
  }

  @Override
  public boolean step(double lr, double biasLr, double momentum, double weightDecay) {
    float clip = TrainableSlots.clipFactor(slots);
    if (Float.isNaN(clip)) {
      TrainableSlots.zeroGradients(slots);
      return false;
    }
    for (int i = 0; i < slots.size(); i++) {
      TrainableSlots.Slot s = slots.get(i);
      NDArray p = s.param();
      NDArray grad = clip == 1f ? p.getGradient() : p.getGradient().mul(clip);
      NDArray g = s.decay() && weightDecay > 0 ? grad.add(p.mul((float) weightDecay)) : grad;
      NDArray v = velocities.get(i);
      v.muli((float) momentum).addi(g);
      p.subi(g.add(v.mul((float) momentum)).muli((float) (s.bias() ? biasLr : lr)));
      JniUtils.zeroGrad((PtNDArray) p);
    }
    return true;
  }
}
