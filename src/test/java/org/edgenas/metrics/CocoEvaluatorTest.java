package org.edgenas.metrics;

import static org.edgenas.metrics.Coco.P1;
import static org.edgenas.metrics.Coco.crowd;
import static org.edgenas.metrics.Coco.det;
import static org.edgenas.metrics.Coco.eval;
import static org.edgenas.metrics.Coco.gt;
import static org.edgenas.metrics.Coco.gtWithArea;
import static org.edgenas.metrics.Coco.truth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for every tricky behaviour of pycocotools' COCOeval (COCO-EVAL.md §5.7).
 * Notation: a detection sequence after the global score sort, T = true positive, F = false
 * positive, I = ignored; npig = counted ground truths; rc = tp/npig, pr = tp/(tp+fp+eps), pr made
 * monotone from the right, q[r] = pr[first rc >= r], 0 past the last recall.
 */
class CocoEvaluatorTest {
  private static final double TIGHT = 1e-12;

  @Test
  void perfectDetectionScoresOneEverywhereItCan() {
    // one 10x10 GT (area 100, small) and an identical detection: T; rc [1], pr [P1] -> every q = P1
    CocoMetrics m = eval(truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10)), det(1, 1, 0, 0, 10, 10, 0.9));
    assertEquals(1, m.ap(), TIGHT);
    assertEquals(1, m.ap50(), TIGHT);
    assertEquals(1, m.apSmall(), TIGHT);
    assertEquals(-1, m.apMedium()); // no counted GT in medium: excluded
    assertEquals(-1, m.apLarge());
    assertEquals(1, m.ar1());
    assertEquals(1, m.arSmall());
  }

  @Test
  void scoreTiesAcrossImagesFollowImageIdOrderNotInputOrder() {
    // image 3: GT, a false positive at 0.5; image 7: GT, a true positive at 0.5; the TP comes first in input.
    // Sorted (ties keep image-id order): F (img 3), T (img 7); npig 2.
    // rc [0, .5], pr [0, 1/(2+eps)] = [0, .5] (2+eps rounds to 2) -> monotone [.5, .5].
    // r = 0 -> idx 0 -> .5; r in (0, .5] -> idx 1 -> .5 (i = 0..50: 51 values); r > .5 -> 0.
    // Same at all 10 IoU thresholds (IoU 1 or 0): AP = 510 * .5 / 1010 = 255/1010.
    CocoGroundTruth truth = truth(List.of(3L, 7L), 1, gt(1, 3, 1, 0, 0, 10, 10), gt(2, 7, 1, 0, 0, 10, 10));
    CocoMetrics fpFirst = eval(truth, det(7, 1, 0, 0, 10, 10, 0.5), det(3, 1, 50, 50, 10, 10, 0.5));
    assertEquals(255.0 / 1010, fpFirst.ap(), 0);
    assertEquals(255.0 / 1010, fpFirst.ap50(), 0);

    // Swap which image holds the TP: T (img 3), F (img 7): rc [.5, .5], pr [P1, .5] -> monotone [P1, .5];
    // r <= .5 -> idx 0 -> P1 (51 values), r > .5 -> 0: AP = 51 * P1 / 101.
    CocoGroundTruth swapped = truth(List.of(3L, 7L), 1, gt(1, 3, 1, 0, 0, 10, 10), gt(2, 7, 1, 0, 0, 10, 10));
    CocoMetrics tpFirst = eval(swapped, det(7, 1, 50, 50, 10, 10, 0.5), det(3, 1, 0, 0, 10, 10, 0.5));
    assertEquals(51.0 / 101, tpFirst.ap(), TIGHT);
  }

  @Test
  void scoreTiesWithinAnImageFollowInputOrder() {
    // one GT; two detections at 0.8, FP listed first: F, T; npig 1: rc [0, 1], pr [0, .5] -> [.5, .5];
    // r = 0 -> .5, r > 0 -> idx 1 -> .5: every q = .5, AP = .5 exactly.
    CocoGroundTruth truth = truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10));
    assertEquals(0.5, eval(truth, det(1, 1, 50, 50, 10, 10, 0.8), det(1, 1, 0, 0, 10, 10, 0.8)).ap(), 0);
    // TP listed first: T, F: rc [1, 1], pr [P1, .5] -> [P1, .5]; every r -> idx 0 -> P1: AP = 1.
    assertEquals(1, eval(truth, det(1, 1, 0, 0, 10, 10, 0.8), det(1, 1, 50, 50, 10, 10, 0.8)).ap(), TIGHT);
  }

  @Test
  void iouExactlyEqualToAThresholdMatches() {
    // GT 10x10 at the origin; detection 10x5 at the origin: IoU = 50 / (50 + 100 - 50) = 0.5 exactly.
    // t = .5 matches (T: AP_t = P1); t >= .55 does not (F: rc [0], q[0] = pr[0] = 0, AP_t = 0).
    // AP = (101 * P1) / 1010 = .1, AP50 = 1, AP75 = 0; AR100 = (1 + 9 * 0) / 10 = .1.
    CocoGroundTruth truth = truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10));
    CocoMetrics half = eval(truth, det(1, 1, 0, 0, 10, 5, 0.9));
    assertEquals(0.1, half.ap(), TIGHT);
    assertEquals(1, half.ap50(), TIGHT);
    assertEquals(0, half.ap75(), 0);
    assertEquals(0.1, half.ar100(), TIGHT);

    // Detection 10x7.5: IoU = 75/100 = .75 = IOU_THRESHOLDS[5] exactly: matches at .5 .. .75 (6 of 10).
    CocoMetrics threeQuarters = eval(truth, det(1, 1, 0, 0, 10, 7.5, 0.9));
    assertEquals(0.6, threeQuarters.ap(), TIGHT);
    assertEquals(1, threeQuarters.ap75(), TIGHT);
    // Detection 10x9: IoU = .9 > IOU_THRESHOLDS[8] = 0.8999999999999999, < .95: 9 of 10 thresholds.
    assertEquals(0.9, eval(truth, det(1, 1, 0, 0, 10, 9, 0.9)).ap(), TIGHT);
  }

  @Test
  void recallThresholdsAreNumpyLinspaceValues() {
    // 20 GTs in a row, 7 exact hits (scores .99 .. .93), a FP (.5), one more hit (.4): T*7, F, T.
    // rc: .05 .. .35 (= 7/20, the double 0.35), .35, .40; pr: 1 (P1 raised by the monotone pass) x7, 7/8, 8/9
    // -> monotone [1 x7, 8/9, 8/9]. recThrs[35] = 35*0.01 = 0.35000000000000003 > 0.35, so it reads rc .40:
    // q = 1 for i = 0..34 (35 values), 8/9 for i = 35..40 (6 values; 40*0.01 == 0.4), 0 after.
    // AP = (35 + 6 * 8/9) / 101 at every threshold. (With i/100.0 it would be (36 + 5 * 8/9) / 101.)
    GroundTruth[] gts = new GroundTruth[20];
    for (int i = 0; i < 20; i++) gts[i] = gt(i + 1, 1, 1, 20 * i, 0, 10, 10);
    Detection[] dets = new Detection[9];
    for (int i = 0; i < 7; i++) dets[i] = det(1, 1, 20 * i, 0, 10, 10, 0.99 - 0.01 * i);
    dets[7] = det(1, 1, 0, 500, 10, 10, 0.5);
    dets[8] = det(1, 1, 20 * 7, 0, 10, 10, 0.4);
    CocoMetrics m = eval(truth(List.of(1L), 1, gts), dets);
    assertEquals((35 + 6 * 8.0 / 9) / 101, m.ap50(), TIGHT);
    assertEquals((35 + 6 * 8.0 / 9) / 101, m.ap(), TIGHT);
    assertEquals(0.4, m.ar100(), TIGHT);
  }

  @Test
  void crowdAbsorbsManyDetectionsWhichAreIgnoredNotFalsePositives() {
    // crowd GT 100x100 + a normal GT far away. Three 10x10 detections inside the crowd (.9 .8 .7):
    // IoU with a crowd = inter / det area = 100/100 = 1 -> each matches the crowd (not used up) -> I.
    // A hit on the normal GT at .6 -> I, I, I, T; npig 1 (crowds never count).
    // tp [0,0,0,1], fp all 0: rc [0,0,0,1], pr [0,0,0,P1] -> monotone all P1 -> AP = 1, AR = 1.
    // (Were they false positives: F, F, F, T -> AP .25.)
    CocoGroundTruth truth = crowdAndOneObject();
    CocoMetrics m = eval(truth,
        det(1, 1, 0, 0, 10, 10, 0.9), det(1, 1, 20, 20, 10, 10, 0.8), det(1, 1, 40, 40, 10, 10, 0.7),
        det(1, 1, 200, 200, 10, 10, 0.6));
    assertEquals(1, m.ap(), TIGHT);
    assertEquals(1, m.ar100(), 0);
    assertEquals(1, m.classes().getFirst().groundTruths()); // the crowd is not a ground truth to find
  }

  @Test
  void crowdIouUsesTheDetectionAreaAsUnion() {
    // crowd 100x100 at origin; detection 20x10 at (90, 0): inter 10*10 = 100, det area 200 -> IoU .5
    // (a plain IoU would be 100 / (200 + 10000 - 100) < .01). It scores .9; a hit on the normal GT .8.
    // t = .5: I, T -> rc [0, 1], pr [0, P1] -> all P1: AP_t = 1.
    // t > .5: F, T -> rc [0, 1], pr [0, .5] -> [.5, .5]: AP_t = .5.   AP = (1 + 9 * .5) / 10 = .55.
    CocoGroundTruth truth = crowdAndOneObject();
    CocoMetrics m = eval(truth, det(1, 1, 90, 0, 20, 10, 0.9), det(1, 1, 200, 200, 10, 10, 0.8));
    assertEquals(1, m.ap50(), TIGHT);
    assertEquals(0.5, m.ap75(), 0);
    assertEquals(0.55, m.ap(), TIGHT);
  }

  @Test
  void areaBoundsAreInclusive() {
    // area exactly 1024 (32x32): inside small [0, 1024] AND medium [1024, 9216]; large ignores the GT,
    // so the matched detection is ignored too and large has npig 0 -> -1.
    CocoMetrics at1024 = eval(truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 32, 32)), det(1, 1, 0, 0, 32, 32, 0.9));
    assertEquals(1, at1024.apSmall(), TIGHT);
    assertEquals(1, at1024.apMedium(), TIGHT);
    assertEquals(-1, at1024.apLarge());
    assertEquals(1, at1024.arSmall());
    assertEquals(1, at1024.arMedium());
    assertEquals(-1, at1024.arLarge());
    // area exactly 9216 (96x96): medium and large, not small.
    CocoMetrics at9216 = eval(truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 96, 96)), det(1, 1, 0, 0, 96, 96, 0.9));
    assertEquals(-1, at9216.apSmall());
    assertEquals(1, at9216.apMedium(), TIGHT);
    assertEquals(1, at9216.apLarge(), TIGHT);
  }

  @Test
  void areaRangeUsesTheAreaFieldAndIgnoresUnmatchedDetectionsOutsideIt() {
    // GT box 40x40 (1600 px) but area field 500: small only. A 50x40 (area 2000) FP at .9, a hit at .5.
    // all:    F, T -> rc [0, 1], pr [0, .5] -> every q .5 -> AP .5.
    // small:  the FP's own area 2000 > 1024 and it is unmatched -> I; I, T -> AP 1.
    // medium: the GT (500) is ignored, the hit matched it -> I; npig 0 -> -1 (the FP counts but nothing to find).
    CocoGroundTruth truth = truth(List.of(1L), 1, gtWithArea(1, 1, 1, 0, 0, 40, 40, 500));
    CocoMetrics m = eval(truth, det(1, 1, 300, 300, 50, 40, 0.9), det(1, 1, 0, 0, 40, 40, 0.5));
    assertEquals(0.5, m.ap(), 0);
    assertEquals(1, m.apSmall(), TIGHT);
    assertEquals(-1, m.apMedium());
    assertEquals(-1, m.apLarge());
  }

  @Test
  void categoriesWithoutGroundTruthAreExcluded() {
    // c1: GT + hit -> AP 1. c2: no GT, one detection -> npig 0 -> -1, left out of the mean: AP = 1, not .5.
    CocoGroundTruth truth = truth(List.of(1L), 2, gt(1, 1, 1, 0, 0, 10, 10));
    CocoMetrics m = eval(truth, det(1, 1, 0, 0, 10, 10, 0.9), det(1, 2, 50, 50, 10, 10, 0.9));
    assertEquals(1, m.ap(), TIGHT);
    assertEquals(-1, m.classes().get(1).ap());
    assertEquals(1, m.classes().get(1).detections());
  }

  @Test
  void categoryWithGroundTruthButNoDetectionsCountsZero() {
    // c1: hit -> precision all P1, recall 1. c3: a GT, no detections -> precision all 0, recall 0.
    // c2: nothing at all -> -1. AP = mean(1010 x P1, 1010 x 0) = .5; AR100 = mean(10 x 1, 10 x 0) = .5.
    CocoGroundTruth truth = truth(List.of(1L), 3, gt(1, 1, 1, 0, 0, 10, 10), gt(2, 1, 3, 50, 50, 10, 10));
    CocoMetrics m = eval(truth, det(1, 1, 0, 0, 10, 10, 0.9));
    assertEquals(0.5, m.ap(), TIGHT);
    assertEquals(0.5, m.ar100(), 0);
    assertEquals(0, m.classes().get(2).ap(), 0);
    assertEquals(-1, m.classes().get(1).ap());
  }

  @Test
  void maxDetsCutsEachImageAndCategorySoAr1CanBeZeroWhileApIsOne() {
    // crowd + normal GT; the top detection (.9) sits in the crowd (I), the hit (.8) is second.
    // maxDets 100: I, T -> AP 1, AR100 1. maxDets 1 keeps only the crowd detection: recall 0 -> AR1 = 0.
    CocoGroundTruth truth = crowdAndOneObject();
    CocoMetrics m = eval(truth, det(1, 1, 0, 0, 10, 10, 0.9), det(1, 1, 200, 200, 10, 10, 0.8));
    assertEquals(1, m.ap(), TIGHT);
    assertEquals(0, m.ar1(), 0);
    assertEquals(1, m.ar10(), 0);
  }

  @Test
  void maxDetsIsPerImageNotGlobal() {
    // two images, one GT and one hit each: with maxDets 1 per image both hits stay -> AR1 = 1 (a global
    // top-1 would give .5). Two categories on one image, one hit each: AR1 = 1 for each category too.
    CocoGroundTruth twoImages = truth(List.of(1L, 2L), 1, gt(1, 1, 1, 0, 0, 10, 10), gt(2, 2, 1, 0, 0, 10, 10));
    assertEquals(1, eval(twoImages, det(1, 1, 0, 0, 10, 10, 0.9), det(2, 1, 0, 0, 10, 10, 0.8)).ar1(), 0);
    CocoGroundTruth twoCats = truth(List.of(1L), 2, gt(1, 1, 1, 0, 0, 10, 10), gt(2, 1, 2, 50, 50, 10, 10));
    assertEquals(1, eval(twoCats, det(1, 1, 0, 0, 10, 10, 0.9), det(1, 2, 50, 50, 10, 10, 0.8)).ar1(), 0);
  }

  @Test
  void detectionsOnImagesWithOnlyOtherCategoryGroundTruthAreFalsePositives() {
    // image 1: c1 GT + c1 hit (.5). image 2: only a c2 GT; a c1 detection exactly on it (.9) and a c2 hit (.7).
    // c1: F (img 2, .9), T (.5); npig 1 -> rc [0, 1], pr [0, .5] -> every q .5 -> AP_c1 = .5 exactly.
    // c2: T -> AP 1.  AP = mean(1010 x .5, 1010 x P1) = .75.
    CocoGroundTruth truth = truth(List.of(1L, 2L), 2, gt(1, 1, 1, 0, 0, 10, 10), gt(2, 2, 2, 0, 0, 10, 10));
    CocoMetrics m = eval(truth,
        det(1, 1, 0, 0, 10, 10, 0.5), det(2, 1, 0, 0, 10, 10, 0.9), det(2, 2, 0, 0, 10, 10, 0.7));
    assertEquals(0.5, m.classes().get(0).ap(), 0);
    assertEquals(1, m.classes().get(1).ap(), TIGHT);
    assertEquals(0.75, m.ap(), TIGHT);
  }

  @Test
  void eachDetectionTakesTheBestFreeGroundTruthGreedilyInScoreOrder() {
    // GT a (0,0,10,10), GT b (5,0,10,10). Detection d1 (.9) at (4,0,10,10): IoU a = 60/140, b = 90/110
    // -> takes b. d2 (.8) at (6,0,10,10): IoU a = 40/160 = .25 only (b is taken) -> F at every t >= .5.
    // T, F; npig 2 -> rc [.5, .5], pr [P1, .5] -> q = P1 for r <= .5 (51 of 101). At t = .85 and above,
    // d1's IoU .818 misses too: t = .5 .. .8 (7 thresholds) give 51/101, the other 3 give 0.
    CocoGroundTruth truth = truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10), gt(2, 1, 1, 5, 0, 10, 10));
    CocoMetrics m = eval(truth, det(1, 1, 4, 0, 10, 10, 0.9), det(1, 1, 6, 0, 10, 10, 0.8));
    assertEquals(51.0 / 101, m.ap50(), TIGHT);
    assertEquals(7 * 51.0 / 1010, m.ap(), TIGHT);
  }

  @Test
  void matchWithAnnotationIdZeroCountsAsFalsePositiveAsInPycocotools() {
    // pycocotools stores the matched GT id in dtMatches and tests it for truth: id 0 reads "unmatched".
    CocoGroundTruth truth = truth(List.of(1L), 1, gt(0, 1, 1, 0, 0, 10, 10));
    CocoMetrics m = eval(truth, det(1, 1, 0, 0, 10, 10, 0.9));
    assertEquals(0, m.ap(), 0);
    assertEquals(0, m.ar100(), 0);
  }

  @Test
  void onlyTheTop100DetectionsPerImageAndCategoryCount() {
    // 101 detections on one image: 100 false positives (.9) then one hit (.1): the hit is cut -> AP 0.
    Detection[] dets = new Detection[101];
    for (int i = 0; i < 100; i++) dets[i] = det(1, 1, 100 + 20 * i, 100, 10, 10, 0.9);
    dets[100] = det(1, 1, 0, 0, 10, 10, 0.1);
    CocoMetrics m = eval(truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10)), dets);
    assertEquals(0, m.ap(), 0);
    assertEquals(100, m.classes().getFirst().detections());
  }

  /** Image 1: a 100x100 crowd at the origin and a 10x10 object at (200, 200). */
  private static CocoGroundTruth crowdAndOneObject() {
    return truth(List.of(1L), 1, crowd(1, 1, 1, 0, 0, 100, 100), gt(2, 1, 1, 200, 200, 10, 10));
  }

  @Test
  void nothingValidGivesMinusOne() {
    CocoMetrics m = eval(truth(List.of(1L), 1));
    for (double stat : m.stats()) assertEquals(-1, stat);
  }

  @Test
  void detectionOnAnImageTheGroundTruthLacksIsAnError() {
    CocoGroundTruth truth = truth(List.of(1L), 1, gt(1, 1, 1, 0, 0, 10, 10));
    var e = assertThrows(IllegalArgumentException.class, () -> eval(truth, det(9, 1, 0, 0, 10, 10, 0.9)));
    assertEquals("detection 0 is on image 9, which the ground truth does not list", e.getMessage());
  }
}
