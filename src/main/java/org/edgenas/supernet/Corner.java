package org.edgenas.supernet;

/** Row-major index arithmetic for a tensor held in the leading corner of a larger one. */
final class Corner {
  private Corner() {}

  static int count(int[] shape) {
    int n = 1;
    for (int d : shape) n *= d;
    return n;
  }

  /** The flat index in {@code outer} of the value at flat index {@code flat} of a tensor of shape {@code inner}. */
  static int index(int flat, int[] inner, int[] outer) {
    int out = 0;
    int stride = 1;
    for (int d = inner.length - 1; d >= 0; d--) {
      int i = flat % inner[d];
      flat /= inner[d];
      out += i * stride;
      stride *= outer[d];
    }
    return out;
  }

  /** Copies {@code src} (shape {@code inner}) into the leading corner of {@code dst} (shape {@code outer}). */
  static void copy(float[] src, int[] inner, float[] dst, int[] outer) {
    for (int i = 0; i < src.length; i++) dst[index(i, inner, outer)] = src[i];
  }
}
