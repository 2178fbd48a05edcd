package org.edgenas.metrics;

/**
 * numpy's float64 sum, reproduced so that means agree with numpy to the last bit: the array is
 * reduced in buffers of 8192 elements (numpy up to 2.2; later versions size buffers differently,
 * which moves only the last bits of means over more than 8 categories), each summed pairwise
 * (blocks of up to 128 with eight interleaved partial sums, fewer than 8 values in order).
 */
final class NumpySum {
  private static final int BUFFER = 8192;
  private static final int BLOCK = 128;

  private NumpySum() {}

  static double sum(double[] values, int n) {
    double total = 0;
    for (int start = 0; start < n; start += BUFFER) {
      total += pairwise(values, start, Math.min(BUFFER, n - start));
    }
    return total;
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0;
      for (int i = 0; i < n; i++) res += a[from + i];
      return res;
    }
    if (n <= BLOCK) {
      double[] r = new double[8];
      System.arraycopy(a, from, r, 0, 8);
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) r[j] += a[from + i + j];
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[from + i];
      return res;
    }
    int half = n / 2;
    half -= half % 8;
    return pairwise(a, from, half) + pairwise(a, from + half, n - half);
  }
}
