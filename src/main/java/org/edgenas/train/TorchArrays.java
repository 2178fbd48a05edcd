package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays made from Java data for the PyTorch engine, in PyTorch's own (64-byte aligned) memory.
 * DJL's {@code NDManager.create(float[], Shape)} wraps a direct buffer that malloc places on any
 * 16-byte boundary, and PyTorch's CPU kernels sum in an order that depends on the alignment: the
 * same profile and seed then trained to different weights from one run to the next (measured: mAP
 * 0.2910, 0.2954 and 0.2914 for one architecture and seed). Every array the trainer builds from
 * Java data goes through {@link #copyOf}, so a seeded training is reproducible.
 */
public final class TorchArrays {
  private TorchArrays() {}

  /** A copy of {@code data} with {@code shape}, owned by {@code manager}, in aligned memory. */
  public static NDArray copyOf(NDManager manager, float[] data, Shape shape) {
    try (NDArray wrapped = manager.create(data, shape)) {
      return wrapped.duplicate();
    }
  }
}
