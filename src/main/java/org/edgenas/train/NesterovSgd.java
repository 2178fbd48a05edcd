package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * SGD with Nesterov momentum as PyTorch's (g += wd·p; v = m·v + g; p -= lr·(g + m·v)) over
 * {@link TrainableSlots}' groups, after the global gradient clip.
 */
final class NesterovSgd extends ParameterUpdate {
  private final List<NDArray> velocities;

  NesterovSgd(DjlNetwork net) {
    super(net);
    velocities = zerosPerSlot();
  }

  @Override
  protected void apply(float clip, double lr, double biasLr, double momentum, double weightDecay) {
    for (int i = 0; i < slots.size(); i++) {
      TrainableSlots.Slot s = slots.get(i);
      NDArray p = s.param();
      NDArray grad = clipped(s, clip);
      NDArray g = s.decay() && weightDecay > 0 ? grad.add(p.mul((float) weightDecay)) : grad;
      NDArray v = velocities.get(i);
      v.muli((float) momentum).addi(g);
      p.subi(g.add(v.mul((float) momentum)).muli((float) (s.bias() ? biasLr : lr)));
    }
  }
}
