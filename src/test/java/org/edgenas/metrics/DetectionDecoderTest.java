package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionDecoderTest {
  // 1280x720 image letterboxed into 640x640: scale .5, no horizontal pad, 140 px on top.
  private static final Letterbox BOX = new Letterbox(0.5, 0, 140);

  /** [4 + 2 classes][4 anchors]: rows cx, cy, w, h, score c0, score c1. */
  private static float[][] output() {
    return new float[][] {
      {100, 102, 5, 300}, // cx
      {200, 200, 150, 300}, // cy
      {40, 40, 20, 10}, // w
      {20, 20, 20, 10}, // h
      {0.9f, 0.8f, 0.3f, 0.0009f}, // class 0
      {0.0005f, 0.6f, 0.001f, 0}, // class 1: 0.001f is not > 0.001 in float32
    };
  }

  @Test
  void decodesFiltersSuppressesAndUndoesTheLetterbox() {
    // anchor 0: (80,190)-(120,210) c0 .9 -> original ((80-0)/.5, (190-140)/.5) .. (240, 140): Box(160,100,80,40)
    // anchor 1: (82,190)-(122,210): c0 .8 overlaps anchor 0 with IoU 760/840 > .7 -> suppressed; c1 .6 kept
    // anchor 2: (-5,140)-(15,160) c0 .3 -> (-10, 0)-(30, 40), clipped to Box(0, 0, 30, 40)
    // anchor 3: best score .0009 <= .001 -> dropped
    DetectionDecoder decoder = new DetectionDecoder(NmsSettings.ULTRALYTICS_VAL, List.of(1, 3));
    List<Detection> dets = decoder.decode(output(), 5, BOX, 1280, 720);
    assertEquals(List.of(
        new Detection(5, 1, new Box(160, 100, 80, 40), 0.9f),
        new Detection(5, 3, new Box(164, 100, 80, 40), 0.6f),
        new Detection(5, 1, new Box(0, 0, 30, 40), 0.3f)), dets);
  }

  @Test
  void singleLabelKeepsOnlyTheBestClassPerAnchor() {
    // anchor 1's best class is c0 (.8), suppressed by anchor 0: no c1 detection survives
    NmsSettings single = new NmsSettings(0.001, 0.7, 300, 30000, false);
    List<Detection> dets = new DetectionDecoder(single, List.of()).decode(output(), 5, BOX, 1280, 720);
    assertEquals(List.of(0, 0), dets.stream().map(Detection::categoryId).toList());
  }

  @Test
  void maxDetectionsAndConfidenceThresholdApply() {
    DetectionDecoder top1 = new DetectionDecoder(NmsSettings.ULTRALYTICS_VAL.withMaxDetections(1), List.of());
    assertEquals(1, top1.decode(output(), 5, BOX, 1280, 720).size());
    DetectionDecoder strict = new DetectionDecoder(NmsSettings.ULTRALYTICS_VAL.withConfidence(0.5), List.of());
    assertEquals(List.of(0.9f, 0.6f), strict.decode(output(), 5, BOX, 1280, 720).stream().map(d -> (float) d.score()).toList());
  }

  @Test
  void onlyTheBestMaxCandidatesReachNms() {
    // 4 pairs pass the filter (.9, .8, .6, .3); max_nms 2 keeps .9 and .8 (same class, overlapping) -> NMS leaves only .9: the .6 and .3 pairs never reach it
    NmsSettings two = new NmsSettings(0.001, 0.7, 300, 2, true);
    List<Detection> dets = new DetectionDecoder(two, List.of()).decode(output(), 5, BOX, 1280, 720);
    assertEquals(List.of(0.9f), dets.stream().map(d -> (float) d.score()).toList());
  }

  @Test
  void flatAndNestedLayoutsAgree() {
    float[][] nested = output();
    float[] flat = new float[6 * 4];
    for (int r = 0; r < 6; r++) System.arraycopy(nested[r], 0, flat, r * 4, 4);
    DetectionDecoder decoder = new DetectionDecoder(NmsSettings.ULTRALYTICS_VAL, List.of());
    assertEquals(decoder.decode(nested, 1, BOX, 1280, 720), decoder.decode(flat, 6, 4, 1, BOX, 1280, 720));
  }

  @Test
  void rejectsMismatchedShapesAndCategoryMaps() {
    DetectionDecoder decoder = new DetectionDecoder(NmsSettings.ULTRALYTICS_VAL, List.of(1, 2, 3));
    var e = assertThrows(IllegalArgumentException.class, () -> decoder.decode(output(), 1, BOX, 1280, 720));
    assertEquals("model has 2 classes but 3 category ids were given", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> decoder.decode(new float[10], 6, 4, 1, BOX, 1280, 720));
  }

  @Test
  void letterboxFitMatchesUltralytics() {
    assertEquals(new Letterbox(0.5, 0, 140), Letterbox.fit(1280, 720, 640, 640));
    assertEquals(new Letterbox(1, 0, 80), Letterbox.fit(640, 480, 640, 640));
    // 100x51 into 64x64: scale .64, height 32.64 -> 33, pad (64 - 33) / 2 = 15.5 -> round(15.4) = 15
    assertEquals(new Letterbox(0.64, 0, 15), Letterbox.fit(100, 51, 64, 64));
    // 5x6 into 6x3: scale .5, width 2.5 -> Python round -> 2 (half to even), pad (6 - 2) / 2 = 2
    assertEquals(new Letterbox(0.5, 2, 0), Letterbox.fit(5, 6, 6, 3));
    assertEquals(80.0, Letterbox.fit(640, 480, 640, 640).toOriginalY(160), 0);
  }
}
