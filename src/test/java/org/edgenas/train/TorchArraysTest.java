package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TorchArraysTest {
  @Test
  void copiesHoldTheDataInSixtyFourByteAlignedMemoryOfTheirManager() {
    try (NDManager root = NDManager.newBaseManager("PyTorch"); NDManager m = root.newSubManager()) {
      // sizes whose plain DJL arrays land on 16-, 32- and 48-byte boundaries as well as 64
      for (int n : new int[] {1, 5, 17, 100, 1000, 4099, 40000, 300000}) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) data[i] = i * 0.5f - 3;
        NDArray copy = TorchArrays.copyOf(m, data, new Shape(1, n));
        assertEquals(new Shape(1, n), copy.getShape());
        assertEquals(m, copy.getManager());
        assertArrayEquals(data, copy.toFloatArray());
        ByteBuffer memory = ((PtNDArray) copy).toByteBuffer(true);
        assertEquals(0, MemorySegment.ofBuffer(memory).address() % 64, "copy of " + n + " floats is not 64-byte aligned");
      }
    }
  }
}
