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
}
