package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import org.edgenas.arch.Act;
import org.edgenas.arch.Op;
import org.edgenas.arch.Weights;

/**
 * The primitive ops of {@link Op} on NCHW NDArrays, batch first, with the exact semantics of
 * {@code BRIEF-ARCH} (padding k/2, SiLU as x·sigmoid(x), channel shuffle, attention, DFL
 * decode). BatchNorm follows Ultralytics: eps 1e-3, running-stat momentum 0.03.
 */
final class DjlOps {
  /** PyTorch-convention BatchNorm momentum (weight of the new batch statistic). */
  static final float BN_MOMENTUM = 0.03f;

  private DjlOps() {}

  static NDArray conv(NDArray x, NDArray weight, NDArray bias, int k, int stride, int pad, int groups) {
    return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), groups).head();
  }

  /**
   * BatchNorm over channels: batch statistics and an in-place update of the running ones (the new
   * batch weighted by {@code momentum}) when training, the running statistics otherwise.
   */
  static NDArray batchNorm(NDArray x, NDArray[] bn, boolean training, float momentum) {
    // DJL passes (1 - momentum) to torch, so give it the MXNet-style complement; axis -1 keeps
    // torch's native channel axis 1 without DJL's axis swap.
    return BatchNorm.batchNorm(x, bn[2], bn[3], bn[0], bn[1], -1, 1 - momentum, (float) Weights.BN_EPS, training).head();
  }

  static NDArray activation(NDArray x, Act act) {
    return switch (act) {
      case NONE -> x;
      case SILU -> x.mul(Activation.sigmoid(x));
      case RELU -> Activation.relu(x);
      case SIGMOID -> Activation.sigmoid(x);
      // min(max(x + 3, 0), 6) / 6 with owned constants: DJL's relu6 takes its 6 as a Number (TorchArrays)
      case HARD_SIGMOID -> {
        NDArray six = TorchArrays.scalar(x, 6);
        yield x.add(TorchArrays.scalar(x, 3)).maximum(TorchArrays.scalar(x, 0)).minimum(six).div(six);
      }
    };
  }

  static NDArray pool(NDArray x, Op.Pool p) {
    Shape k = new Shape(p.k(), p.k());
    Shape s = new Shape(p.stride(), p.stride());
    Shape pad = new Shape(p.pad(), p.pad());
    return p.max() ? Pool.maxPool2d(x, k, s, pad, false) : Pool.avgPool2d(x, k, s, pad, false, true);
  }

  /** Nearest-neighbour up-sampling: every pixel repeated scale×scale times. */
  static NDArray upsample(NDArray x, int scale) {
    Shape s = x.getShape();
    long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
    return x.reshape(b, c, h, 1, w, 1).broadcast(b, c, h, scale, w, scale).reshape(b, c, h * scale, w * scale);
  }

  static NDArray concat(List<NDArray> xs) {
    return NDArrays.concat(new NDList(xs), 1);
  }

  static NDArray slice(NDArray x, int from, int to) {
    return x.get(new NDIndex(":, {}:{}", from, to));
  }

  /** Channel i of the output is input channel (i % g)·(C/g) + i / g. */
  static NDArray shuffle(NDArray x, int groups) {
    Shape s = x.getShape();
    long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
    return x.reshape(b, groups, c / groups, h, w).transpose(0, 2, 1, 3, 4).reshape(b, c, h, w);
  }

  /** The YOLO11 attention core on a qkv tensor [B, heads·(2kd+hd), H, W]. */
  static NDArray attention(NDArray qkv, Op.Attention a) {
    Shape s = qkv.getShape();
    long b = s.get(0), h = s.get(2), w = s.get(3);
    int kd = a.keyDim(), hd = a.headDim();
    NDArray perHead = qkv.reshape(b, a.heads(), 2L * kd + hd, h * w);
    NDList qkvParts = perHead.split(new long[] {kd, 2L * kd}, 2);
    NDArray v = qkvParts.get(2);
    if (a.valuesOnly()) return v.reshape(b, (long) a.heads() * hd, h, w);
    NDArray attn = qkvParts.get(0).transpose(0, 1, 3, 2).matMul(qkvParts.get(1))
        .mul(TorchArrays.scalar(qkv, Math.pow(kd, -0.5))).softmax(3);
    return v.matMul(attn.transpose(0, 1, 3, 2)).reshape(b, (long) a.heads() * hd, h, w);
  }
}
