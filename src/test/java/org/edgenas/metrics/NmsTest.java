package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {
  private static Nms.Candidate c(double x1, double y1, double x2, double y2, double score, int cls) {
    return new Nms.Candidate(x1, y1, x2, y2, score, cls);
  }

  @Test
  void suppressesSameClassOverlapsStrictlyAboveTheThreshold() {
    // a (0,0)-(10,10) and b (0,0)-(10,5): IoU = 50 / 100 = .5 exactly
    Nms.Candidate a = c(0, 0, 10, 10, 0.9, 0);
    Nms.Candidate b = c(0, 0, 10, 5, 0.8, 0);
    assertEquals(List.of(a, b), Nms.suppress(List.of(b, a), 0.5, 300)); // .5 is not > .5: kept
    assertEquals(List.of(a), Nms.suppress(List.of(b, a), 0.49, 300));
  }

  @Test
  void differentClassesNeverSuppressEachOther() {
    Nms.Candidate a = c(0, 0, 10, 10, 0.9, 0);
    Nms.Candidate b = c(0, 0, 10, 10, 0.8, 1);
    assertEquals(List.of(a, b), Nms.suppress(List.of(a, b), 0.7, 300));
  }

  @Test
  void aSuppressedBoxDoesNotSuppressOthers() {
    // a overlaps b (IoU .8), b overlaps d (IoU .8), a and d barely overlap: a and d are kept
    Nms.Candidate a = c(0, 0, 10, 10, 0.9, 0);
    Nms.Candidate b = c(1, 0, 11, 10, 0.8, 0); // IoU(a, b) = 90/110
    Nms.Candidate d = c(9, 0, 19, 10, 0.7, 0); // IoU(a, d) = 10/190, IoU(b, d) = 20/180
    assertEquals(List.of(a, d), Nms.suppress(List.of(d, b, a), 0.7, 300));
  }

  @Test
  void keepsAtMostMaxKeptBestFirst() {
    List<Nms.Candidate> far = List.of(c(0, 0, 1, 1, 0.1, 0), c(5, 5, 6, 6, 0.3, 0), c(9, 9, 10, 10, 0.2, 0));
    List<Nms.Candidate> kept = Nms.suppress(far, 0.7, 2);
    assertEquals(List.of(0.3, 0.2), kept.stream().map(Nms.Candidate::score).toList());
  }
}
