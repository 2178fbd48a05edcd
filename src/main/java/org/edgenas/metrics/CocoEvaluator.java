package org.edgenas.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * COCO bbox mAP with the exact semantics of pycocotools' {@code COCOeval} ({@code evaluate},
 * {@code accumulate}, {@code summarize}); see {@code COCO-EVAL.md}. Detections whose category is
 * not a ground-truth category are left out, as pycocotools does; a detection on an image the ground
 * truth does not list is an error.
 */
public final class CocoEvaluator {
  private CocoEvaluator() {}

  /** Evaluates {@code detections} (in results-file order: it breaks score ties) against {@code gt}. */
  public static CocoMetrics evaluate(CocoGroundTruth gt, List<Detection> detections) {
    Set<Long> imageIds = gt.imageIds();
    List<Category> categories = gt.sortedCategories();
    Map<Integer, Integer> categoryIndex = new HashMap<>();
    for (int c = 0; c < categories.size(); c++) categoryIndex.put(categories.get(c).id(), c);

    // per category: image id (ascending) -> the cell's ground truths and detections, in input order
    List<TreeMap<Long, Cell>> cells = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) cells.add(new TreeMap<>());
    for (GroundTruth g : gt.annotations()) {
      cells.get(categoryIndex.get(g.categoryId())).computeIfAbsent(g.imageId(), id -> new Cell()).gts.add(g);
    }
    for (int i = 0; i < detections.size(); i++) {
      Detection d = detections.get(i);
      if (!imageIds.contains(d.imageId())) {
        throw new IllegalArgumentException(
            "detection " + i + " is on image " + d.imageId() + ", which the ground truth does not list");
      }
      Integer c = categoryIndex.get(d.categoryId());
      if (c != null) cells.get(c).computeIfAbsent(d.imageId(), id -> new Cell()).dets.add(d);
    }

    EvaluationTables tables = new EvaluationTables(categories.size());
    List<ClassMetrics> perClass = new ArrayList<>();
    for (int c = 0; c < categories.size(); c++) {
      List<ImageMatch[]> matches = new ArrayList<>();
      int groundTruths = 0;
      int evaluated = 0;
      for (Cell cell : cells.get(c).values()) {
        matches.add(ImageMatcher.match(cell.gts, cell.dets));
        groundTruths += (int) cell.gts.stream().filter(g -> !g.iscrowd()).count();
        evaluated += Math.min(cell.dets.size(), CocoParams.MAX_DETS[CocoParams.MAX_DETS.length - 1]);
      }
      Accumulator.ScoreOrder order = Accumulator.order(matches.stream().map(m -> m[0]).toList());
      for (AreaRange area : AreaRange.values()) {
        List<ImageMatch> inRange = matches.stream().map(m -> m[area.ordinal()]).toList();
        for (int m = 0; m < CocoParams.MAX_DETS.length; m++) {
          Accumulator.Curves curves = Accumulator.accumulate(inRange, order, CocoParams.MAX_DETS[m]);
          if (curves != null) tables.put(c, area, m, curves);
        }
      }
      Category category = categories.get(c);
      perClass.add(new ClassMetrics(category.id(), category.name(), groundTruths, evaluated,
          tables.averagePrecision(-1, c, AreaRange.ALL, 2), tables.averagePrecision(0, c, AreaRange.ALL, 2)));
    }
    return summarize(tables, perClass);
  }

  private static CocoMetrics summarize(EvaluationTables t, List<ClassMetrics> perClass) {
    int m100 = CocoParams.maxDetsIndex(100);
    return new CocoMetrics(
        t.averagePrecision(-1, -1, AreaRange.ALL, m100),
        t.averagePrecision(CocoParams.iouIndex(0.5), -1, AreaRange.ALL, m100),
        t.averagePrecision(CocoParams.iouIndex(0.75), -1, AreaRange.ALL, m100),
        t.averagePrecision(-1, -1, AreaRange.SMALL, m100),
        t.averagePrecision(-1, -1, AreaRange.MEDIUM, m100),
        t.averagePrecision(-1, -1, AreaRange.LARGE, m100),
        t.averageRecall(AreaRange.ALL, CocoParams.maxDetsIndex(1)),
        t.averageRecall(AreaRange.ALL, CocoParams.maxDetsIndex(10)),
        t.averageRecall(AreaRange.ALL, m100),
        t.averageRecall(AreaRange.SMALL, m100),
        t.averageRecall(AreaRange.MEDIUM, m100),
        t.averageRecall(AreaRange.LARGE, m100),
        perClass);
  }

  /** The ground truths and detections of one (image, category). */
  private static final class Cell {
    final List<GroundTruth> gts = new ArrayList<>();
    final List<Detection> dets = new ArrayList<>();
  }
}
