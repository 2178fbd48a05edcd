package org.edgenas.search.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Exact hypervolume of points in [0,1]^3 (all minimised) against a reference point, by slicing on z. */
final class Hypervolume3 {
  private Hypervolume3() {}

  static double of(List<double[]> points, double[] ref) {
    List<double[]> ps = points.stream().filter(p -> p[0] < ref[0] && p[1] < ref[1] && p[2] < ref[2])
        .sorted(Comparator.comparingDouble(p -> p[2])).toList();
    double volume = 0;
    for (int i = 0; i < ps.size(); i++) {
      double zNext = i + 1 < ps.size() ? ps.get(i + 1)[2] : ref[2];
      if (zNext <= ps.get(i)[2]) continue;
      volume += area(ps.subList(0, i + 1), ref) * (zNext - ps.get(i)[2]);
    }
    return volume;
  }

  /** 2-D dominated area of the points' (x, y) against (ref x, ref y). */
  static double area(List<double[]> points, double[] ref) {
    List<double[]> ps = new ArrayList<>(points);
    ps.sort(Comparator.comparingDouble((double[] p) -> p[0]).thenComparingDouble(p -> p[1]));
    double area = 0;
    double bestY = ref[1];
    for (double[] p : ps) {
      if (p[1] >= bestY) continue;
      area += (ref[0] - p[0]) * (bestY - p[1]);
      bestY = p[1];
    }
    return area;
  }

}
