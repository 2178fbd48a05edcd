package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data for the PyTorch engine, in PyTorch's own (64-byte aligned) memory.
 * DJL's {@code NDManager.create(float[], Shape)} wraps a direct buffer that malloc places on any
 * 16-byte boundary, and PyTorch's CPU kernels sum in an order that depends on the alignment: the
 * same profile and seed then trained to different weights from one run to the next (measured: mAP
 * 0.2910, 0.2954 and 0.2914 for one architecture and seed). Worse, DJL's arithmetic with a
 * {@code Number} ({@code x.mul(2f)}) wraps the number the same way and releases the buffer right
 * after the call, while autograd keeps the tensor for the backward pass: once the garbage
 * collector frees that buffer the gradient reads whatever malloc put there since. So every array
 * the trainer builds from Java data goes through {@link #copyOf}, and every constant in the
 * differentiated graph through {@link #scalar}.
 */
public final class TorchArrays {
  private TorchArrays() {}

  /** A copy of {@code data} with {@code shape}, owned by {@code manager}, in aligned memory. */
  public static NDArray copyOf(NDManager manager, float[] data, Shape shape) {
    try (NDArray wrapped = manager.create(data, shape)) {
      return wrapped.duplicate();
    }
  }

  /** A float32 scalar in PyTorch's own memory, in the manager of {@code like}, for graph arithmetic. */
  public static NDArray scalar(NDArray like, double value) {
    return copyOf(like.getManager(), new float[] {(float) value}, new Shape());
  }
}
