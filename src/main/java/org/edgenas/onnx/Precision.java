package org.edgenas.onnx;

import org.edgenas.common.BadInputException;

/** How one layer's ops are computed: float32, float16, or float32 with int8 QDQ convolutions. */
enum Precision {
  FLOAT,
  HALF,
  INT8;

  static Precision ofBits(int bits) {
    return switch (bits) {
      case 32 -> FLOAT;
      case 16 -> HALF;
      case 8 -> INT8;
      default -> throw new BadInputException("--bits must be 32, 16 or 8, was " + bits);
    };
  }
}
