package org.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.edgenas.common.Json;
import org.junit.jupiter.api.Test;

class InspectCommandTest {
  @Test
  void yolo11nSummaryLine() throws Exception {
    String out = MainTest.runCapture(0, "inspect", "spaces/reference/yolo11n.yaml")[0];
    assertTrue(out.contains("yolo11n summary: 24 layers, 2,624,080 parameters, 2,624,064 gradients, 6.6 GFLOPs"), out);
  }

  @Test
  void yolov8nFusedMatchesUltralyticsFusedSummary() {
    String out = MainTest.runCapture(0, "inspect", "spaces/reference/yolov8n.yaml", "--fused")[0];
    assertTrue(out.contains("3,151,904 parameters") && out.contains("8.7 GFLOPs"), out);
  }

  @Test
  void ncAndImgszOverridesAndJson() throws Exception {
    String out = MainTest.runCapture(0, "inspect", "spaces/reference/yolo11n.yaml", "--nc", "3", "--imgsz", "320", "--json")[0];
    JsonNode json = Json.mapper().readTree(out);
    assertEquals(3, json.get("nc").asInt());
    assertEquals(320, json.get("imgsz").asInt());
    JsonNode detect = json.get("layers").get(23);
    assertEquals(7, detect.get("output").get(0).asInt());
    assertEquals(2100, detect.get("output").get(2).asInt());
  }

  @Test
  void sampleListsArchitecturesOfASpace() throws Exception {
    String out = MainTest.runCapture(0, "inspect", "spaces/yolo-lite.yaml", "--sample", "7", "--seed", "3", "--json")[0];
    JsonNode json = Json.mapper().readTree(out);
    assertEquals(7, json.get("samples").size());
    String again = MainTest.runCapture(0, "inspect", "spaces/yolo-lite.yaml", "--sample", "7", "--seed", "3", "--json")[0];
    assertEquals(out, again, "seeded sampling is deterministic");
  }

  @Test
  void badImgszIsAUsageError() {
    String err = MainTest.runCapture(2, "inspect", "spaces/tiny.yaml", "--imgsz", "100")[1];
    assertTrue(err.contains("--imgsz must be a positive multiple of 32, was 100"), err);
  }
}
