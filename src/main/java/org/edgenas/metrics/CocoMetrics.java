package org.edgenas.metrics;

import java.util.List;

/**
 * The 12 numbers of pycocotools' {@code COCOeval.summarize()} for bbox (-1 where nothing was
 * valid), plus per-category AP. {@link #table()} prints them as pycocotools does, then one row per
 * category.
 */
public record CocoMetrics(
    double ap,
    double ap50,
    double ap75,
    double apSmall,
    double apMedium,
    double apLarge,
    double ar1,
    double ar10,
    double ar100,
    double arSmall,
    double arMedium,
    double arLarge,
    List<ClassMetrics> classes) {
  public CocoMetrics {
    classes = List.copyOf(classes);
  }

  /** The 12 values in pycocotools' {@code stats} order. */
  public double[] stats() {
    return new double[] {ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge};
  }

  /** The pycocotools summary lines followed by a per-category table. */
  public String table() {
    return CocoTable.format(this);
  }

  /**
   * The element-wise mean of metrics scored on the same ground truth (several trainings of one
   * architecture): each of the 12 numbers and each category's AP averaged, a -1 (nothing valid)
   * kept where every input has it. One input is returned as it is.
   *
   * @throws IllegalArgumentException when the inputs list different categories
   */
  public static CocoMetrics mean(List<CocoMetrics> all) {
    if (all.isEmpty()) throw new IllegalArgumentException("no metrics to average");
    if (all.size() == 1) return all.getFirst();
    double[] v = new double[12];
    for (int i = 0; i < v.length; i++) {
      int stat = i;
      v[i] = meanOrMissing(all.stream().mapToDouble(m -> m.stats()[stat]).toArray());
    }
    List<ClassMetrics> first = all.getFirst().classes();
    List<ClassMetrics> classes = new java.util.ArrayList<>();
    for (int c = 0; c < first.size(); c++) {
      int index = c;
      List<ClassMetrics> same = all.stream().map(m -> {
        if (m.classes().size() != first.size() || m.classes().get(index).categoryId() != first.get(index).categoryId()) {
          throw new IllegalArgumentException("metrics of different categories cannot be averaged");
        }
        return m.classes().get(index);
      }).toList();
      ClassMetrics k = first.get(c);
      classes.add(new ClassMetrics(k.categoryId(), k.name(), k.groundTruths(),
          (int) Math.round(same.stream().mapToInt(ClassMetrics::detections).average().orElse(0)),
          meanOrMissing(same.stream().mapToDouble(ClassMetrics::ap).toArray()),
          meanOrMissing(same.stream().mapToDouble(ClassMetrics::ap50).toArray())));
    }
    return new CocoMetrics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], classes);
  }

  /** The mean of the valid (non-negative) values, -1 when none is valid. */
  private static double meanOrMissing(double[] values) {
    return java.util.Arrays.stream(values).filter(x -> x >= 0).average().orElse(-1);
  }
}
