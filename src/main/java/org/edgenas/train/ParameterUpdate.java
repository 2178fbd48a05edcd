package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * One optimizer step over a network's trainable parameters ({@link TrainableSlots}), run outside
 * gradient recording. Learning rates and momentum come from the trainer's schedule (warm-up,
 * decay) on every call. Every step first clips the global gradient norm; a step whose gradients are
 * not all finite is skipped (nothing changes, the optimizer state included), as a mixed-precision
 * gradient scaler does. Gradients are zeroed after every step, applied or skipped.
 */
abstract class ParameterUpdate {
  protected final List<TrainableSlots.Slot> slots;
  private final DjlNetwork net;

  ParameterUpdate(DjlNetwork net) {
    this.net = net;
    this.slots = TrainableSlots.of(net);
  }

  /** One zero-filled state array per slot, shaped as its parameter. */
  protected final List<NDArray> zerosPerSlot() {
    List<NDArray> out = new ArrayList<>();
    for (TrainableSlots.Slot s : slots) out.add(net.manager().zeros(s.param().getShape()));
    return out;
  }

  /**
   * @param lr learning rate of weights
   * @param biasLr learning rate of biases (conv and BatchNorm), warmed up on its own
   * @param momentum SGD momentum, or AdamW's first-moment decay (beta1)
   * @param weightDecay weight decay of convolution weights (not BatchNorm, not biases)
   * @return false when the step was skipped for a non-finite gradient
   */
  final boolean step(double lr, double biasLr, double momentum, double weightDecay) {
    float clip = TrainableSlots.clipFactor(slots);
    boolean finite = !Float.isNaN(clip);
    if (finite) apply(clip, lr, biasLr, momentum, weightDecay);
    TrainableSlots.zeroGradients(slots);
    return finite;
  }

  /** Updates every slot from its gradient scaled by {@code clip}; temporaries go to the caller's scope. */
  protected abstract void apply(float clip, double lr, double biasLr, double momentum, double weightDecay);

  /** A slot's gradient after the clip. */
  protected static NDArray clipped(TrainableSlots.Slot s, float clip) {
    return clip == 1f ? s.param().getGradient() : s.param().getGradient().mul(clip);
  }
}
