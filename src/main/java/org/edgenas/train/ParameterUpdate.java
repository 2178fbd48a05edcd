package org.edgenas.train;

/**
 * One optimizer step over a network's trainable parameters, run outside gradient recording; the
 * implementation zeroes each gradient after use. Learning rates and momentum come from the
 * trainer's schedule (warm-up, decay) on every call. A step whose gradients are not all finite is
 * skipped (nothing changes, the optimizer state included), as a mixed-precision gradient scaler does.
 */
interface ParameterUpdate {
  /**
   * @param lr learning rate of weights
   * @param biasLr learning rate of biases (conv and BatchNorm), warmed up on its own
   * @param momentum SGD momentum, or AdamW's first-moment decay (beta1)
   * @param weightDecay weight decay of convolution weights (not BatchNorm, not biases)
   * @return false when the step was skipped for a non-finite gradient
   */
  boolean step(double lr, double biasLr, double momentum, double weightDecay);
}
