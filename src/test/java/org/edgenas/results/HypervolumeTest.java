package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.recipe.Goal;
import org.junit.jupiter.api.Test;

class HypervolumeTest {
  @Test
  void twoObjectiveStaircase() {
    List<double[]> front = List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1});
    assertEquals(6, Hypervolume.of(front, new double[] {4, 4}), 1e-12);
    // a dominated point and a point outside the reference add nothing
    List<double[]> more = new ArrayList<>(front);
    more.add(new double[] {3, 3});
    more.add(new double[] {0.5, 5});
    assertEquals(6, Hypervolume.of(more, new double[] {4, 4}), 1e-12);
    assertEquals(0, Hypervolume.of(List.of(), new double[] {4, 4}));
  }

  @Test
  void threeObjectiveBoxesAndOverlap() {
    assertEquals(6, Hypervolume.of(List.<double[]>of(new double[] {0, 0, 0}), new double[] {1, 2, 3}), 1e-12);
    // A=(0,1,1) covers 2·1·1 = 2, B=(1,0,1) covers 1·2·1 = 2, their overlap from (1,1,1) covers 1: union 3
    assertEquals(3, Hypervolume.of(List.of(new double[] {0, 1, 1}, new double[] {1, 0, 1}), new double[] {2, 2, 2}), 1e-12);
    // the classic three-point front in 3-D: (1,2,3),(2,3,1),(3,1,2) with reference (4,4,4)
    List<double[]> f = List.of(new double[] {1, 2, 3}, new double[] {2, 3, 1}, new double[] {3, 1, 2});
    assertEquals(inclusionExclusion(f, new double[] {4, 4, 4}), Hypervolume.of(f, new double[] {4, 4, 4}), 1e-12);
    assertEquals(13, Hypervolume.of(f, new double[] {4, 4, 4}), 1e-12);
  }

  @Test
  void directionsFlipMaximisedObjectives() {
    // maximise accuracy, minimise latency: (0.5, 10) and (0.3, 5), reference (0, 20)
    double hv = Hypervolume.of(List.of(new double[] {0.5, 10}, new double[] {0.3, 5}), new double[] {0, 20},
        new Goal[] {Goal.MAX, Goal.MIN});
    assertEquals(0.5 * 10 + 0.3 * 5, hv, 1e-12);
  }

  @Test
  void allMethodsAgreeWithInclusionExclusionOnRandomFronts() {
    SplittableRandom random = new SplittableRandom(42);
    for (int m = 2; m <= 5; m++) {
      for (int trial = 0; trial < 20; trial++) {
        int n = 1 + random.nextInt(7);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          double[] p = new double[m];
          for (int j = 0; j < m; j++) p[j] = random.nextInt(6) / 5.0;
          points.add(p);
        }
        double[] ref = new double[m];
        java.util.Arrays.fill(ref, 1.1);
        double expected = inclusionExclusion(points, ref);
        assertEquals(expected, Hypervolume.of(points, ref), 1e-9, "m=" + m + " trial " + trial);
        assertEquals(expected, Hypervolume.wfg(Hypervolume.nondominated(points), ref), 1e-9, "wfg m=" + m);
        if (m == 3) assertEquals(expected, Hypervolume.slices3d(points, ref), 1e-9);
      }
    }
  }

  @Test
  void refusesMismatchedDimensions() {
    assertThrows(IllegalArgumentException.class, () -> Hypervolume.of(List.<double[]>of(new double[] {1, 2}), new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class,
        () -> Hypervolume.of(List.<double[]>of(new double[] {1}), new double[] {2}, new Goal[] {Goal.MIN, Goal.MAX}));
  }

  /** The oracle: Σ over non-empty subsets of (−1)^(|S|+1) · volume of the intersection of their boxes. */
  static double inclusionExclusion(List<double[]> points, double[] ref) {
    int n = points.size(), m = ref.length;
    double total = 0;
    for (int mask = 1; mask < (1 << n); mask++) {
      double[] corner = new double[m];
      java.util.Arrays.fill(corner, Double.NEGATIVE_INFINITY);
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) == 0) continue;
        for (int j = 0; j < m; j++) corner[j] = Math.max(corner[j], points.get(i)[j]);
      }
      double box = 1;
      for (int j = 0; j < m; j++) box *= Math.max(0, ref[j] - corner[j]);
      total += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * box;
    }
    return total;
  }
}
