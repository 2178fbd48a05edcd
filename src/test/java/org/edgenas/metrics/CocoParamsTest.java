package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class CocoParamsTest {
  @Test
  void iouThresholdsAreNumpyLinspaceDoubles() {
    double[] expected = {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95};
    assertArrayEquals(expected, CocoParams.IOU_THRESHOLDS, 0);
    assertEquals(5, CocoParams.iouIndex(0.75));
  }

  @Test
  void recallThresholdsAreIndexTimesOneHundredth() {
    double[] r = CocoParams.RECALL_THRESHOLDS;
    assertEquals(101, r.length);
    assertEquals(0.35000000000000003, r[35], 0);
    assertNotEquals(35 / 100.0, r[35]);
    int differing = 0;
    for (int i = 0; i < 100; i++) {
      assertEquals(i * 0.01, r[i], 0);
      if (r[i] != i / 100.0) differing++;
    }
    assertEquals(1.0, r[100], 0);
    assertEquals(10, differing); // i = 35, 41, 47, 57, 69, 70, 82, 83, 94, 95
  }

  @Test
  void areaRangesIncludeBothBounds() {
    assertEquals(false, AreaRange.SMALL.excludes(1024));
    assertEquals(false, AreaRange.MEDIUM.excludes(1024));
    assertEquals(true, AreaRange.SMALL.excludes(1024.0000001));
    assertEquals(false, AreaRange.LARGE.excludes(9216));
    assertEquals(true, AreaRange.LARGE.excludes(9215.999));
  }

  @Test
  void numpySumIsPairwiseNotSequential() {
    // np.sum(np.full(10, 0.1)) == 1.0 (eight partial sums, then two adds); a plain loop gives 0.9999999999999999
    double[] tenths = new double[10];
    java.util.Arrays.fill(tenths, 0.1);
    double loop = 0;
    for (double v : tenths) loop += v;
    assertEquals(0.9999999999999999, loop, 0);
    assertEquals(1.0, NumpySum.sum(tenths, 10), 0);
    // below 8 values numpy sums in order: 0.1 * 7 sequentially
    assertEquals(0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1, NumpySum.sum(tenths, 7), 0);
  }

  @Test
  void searchSortedLeftFindsTheFirstValueAtLeastTheKey() {
    double[] rc = {0, 0.5, 0.5, 1};
    assertEquals(0, Accumulator.searchSortedLeft(rc, 0));
    assertEquals(1, Accumulator.searchSortedLeft(rc, 0.5));
    assertEquals(3, Accumulator.searchSortedLeft(rc, 0.51));
    assertEquals(4, Accumulator.searchSortedLeft(rc, 1.01));
  }
}
