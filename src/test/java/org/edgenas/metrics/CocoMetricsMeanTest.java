package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CocoMetricsMeanTest {
  private static CocoMetrics metrics(double ap, double apSmall, double classAp, int detections) {
    return new CocoMetrics(ap, ap + 0.2, ap + 0.1, apSmall, 0.3, 0.4, 0.1, 0.2, 0.3, apSmall, 0.5, 0.6, List.of(
        new ClassMetrics(0, "disc", 7, detections, classAp, classAp + 0.1),
        new ClassMetrics(1, "square", 0, 0, -1, -1)));
  }

  @Test
  void averagesEveryNumberAndKeepsMissingValuesMissing() {
    CocoMetrics mean = CocoMetrics.mean(List.of(metrics(0.2, -1, 0.5, 10), metrics(0.4, -1, 0.3, 13)));
    assertEquals(0.3, mean.ap(), 1e-12);
    assertEquals(0.5, mean.ap50(), 1e-12);
    assertEquals(0.4, mean.ap75(), 1e-12);
    assertEquals(-1, mean.apSmall(), "no small ground truth in either: still nothing valid");
    assertEquals(0.3, mean.apMedium(), 1e-12);
    assertEquals(0.4, mean.classes().get(0).ap(), 1e-12);
    assertEquals(0.5, mean.classes().get(0).ap50(), 1e-12);
    assertEquals(12, mean.classes().get(0).detections(), "11.5 rounds half up");
    assertEquals(7, mean.classes().get(0).groundTruths());
    assertEquals(-1, mean.classes().get(1).ap(), "a category without ground truth stays excluded");
  }

  @Test
  void oneInputIsItselfAndMismatchedCategoriesAreRefused() {
    CocoMetrics one = metrics(0.2, 0.1, 0.5, 3);
    assertSame(one, CocoMetrics.mean(List.of(one)));
    CocoMetrics other = new CocoMetrics(0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(new ClassMetrics(5, "x", 1, 1, 0, 0)));
    assertThrows(IllegalArgumentException.class, () -> CocoMetrics.mean(List.of(one, other)));
    assertThrows(IllegalArgumentException.class, () -> CocoMetrics.mean(List.of()));
  }
}
