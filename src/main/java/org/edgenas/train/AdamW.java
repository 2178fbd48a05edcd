package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * AdamW as PyTorch's (decoupled weight decay p -= lr·wd·p on convolution weights only; bias-corrected
 * moments m, v with beta1 = the schedule's momentum and beta2 = 0.999; p -= lr·m̂/(√v̂ + 1e-8)) over
 * {@link TrainableSlots}' groups, after the global gradient clip. Ultralytics picks it for short
 * trainings, where it gets off the ground in far fewer steps than SGD.
 */
final class AdamW extends ParameterUpdate {
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private final List<NDArray> first;
  private final List<NDArray> second;
  private double beta1Power = 1;
  private double beta2Power = 1;

  AdamW(DjlNetwork net) {
    super(net);
    first = zerosPerSlot();
    second = zerosPerSlot();
  }

  @Override
  protected void apply(float clip, double lr, double biasLr, double momentum, double weightDecay) {
    beta1Power *= momentum;
    beta2Power *= BETA2;
    double correction1 = 1 - beta1Power;
    double correction2 = Math.sqrt(1 - beta2Power);
    for (int i = 0; i < slots.size(); i++) {
      TrainableSlots.Slot s = slots.get(i);
      NDArray p = s.param();
      double rate = s.bias() ? biasLr : lr;
      NDArray g = clipped(s, clip);
      if (s.decay() && weightDecay > 0) p.muli((float) (1 - rate * weightDecay));
      NDArray m = first.get(i).muli((float) momentum).addi(g.mul((float) (1 - momentum)));
      NDArray v = second.get(i).muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
      NDArray denominator = v.sqrt().divi((float) correction2).addi((float) EPSILON);
      p.subi(m.div(denominator).muli((float) (rate / correction1)));
    }
  }
}
