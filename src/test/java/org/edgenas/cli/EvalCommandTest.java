package org.edgenas.cli;

import static org.edgenas.cli.MainTest.runCapture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir Path dir;
  Path gt;
  Path results;

  @BeforeEach
  void writeFiles() throws Exception {
    gt = dir.resolve("instances.json");
    Files.writeString(gt, """
        {"images": [{"id": 1}, {"id": 2}],
         "categories": [{"id": 1, "name": "person"}, {"id": 2, "name": "dog"}],
         "annotations": [
           {"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0},
           {"id": 2, "image_id": 2, "category_id": 2, "bbox": [0, 0, 10, 10], "area": 100, "iscrowd": 0}]}
        """);
    results = dir.resolve("results.json");
    // person: a false positive on image 2 (.9) then the hit (.5) -> AP .5; dog: hit at .7 -> AP 1; mean .75
    Files.writeString(results, """
        [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.5},
         {"image_id": 2, "category_id": 1, "bbox": [0, 0, 10, 10], "score": 0.9},
         {"image_id": 2, "category_id": 2, "bbox": [0, 0, 10, 10], "score": 0.7}]
        """);
  }

  @Test
  void printsTheCocoTable() {
    String out = runCapture(0, "eval", "--gt", gt.toString(), "--detections", results.toString())[0];
    assertTrue(out.startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.750\n"), out);
    assertTrue(out.contains(" Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000\n"), out);
    assertTrue(out.contains("\nperson      1        1          2     0.500   0.500\n"), out);
  }

  @Test
  void jsonPrintsTheMetrics() throws Exception {
    String out = runCapture(0, "eval", "--gt", gt.toString(), "--detections", results.toString(), "--json")[0];
    JsonNode json = Json.mapper().readTree(out);
    assertEquals(0.75, json.get("ap").asDouble(), 1e-12);
    assertEquals(0.5, json.get("classes").get(0).get("ap50").asDouble(), 0);
    assertEquals("dog", json.get("classes").get(1).get("name").asText());
  }

  @Test
  void missingFileExitsTwoNamingIt() {
    Path missing = dir.resolve("no-such-results.json");
    String err = runCapture(2, "eval", "--gt", gt.toString(), "--detections", missing.toString())[1];
    assertEquals("edgenas: " + missing + ": file not found\n", err);
  }

  @Test
  void resultsOnUnknownImagesExitTwo() throws Exception {
    Files.writeString(results, "[{\"image_id\": 3, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
    String err = runCapture(2, "eval", "--gt", gt.toString(), "--detections", results.toString())[1];
    assertTrue(err.contains(results + ": [0].image_id 3 is not an image of the ground truth"), err);
  }

  @Test
  void unknownCategoriesAreWarnedAboutAndLeftOut() throws Exception {
    Files.writeString(results, "[{\"image_id\": 1, \"category_id\": 9, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
    String[] outErr = runCapture(0, "eval", "--gt", gt.toString(), "--detections", results.toString());
    assertTrue(outErr[1].contains("1 detections have categories [9]"), outErr[1]);
    assertTrue(outErr[0].startsWith(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.000"), outErr[0]);
  }

  @Test
  void missingOptionIsAUsageError() {
    assertTrue(runCapture(2, "eval", "--gt", gt.toString())[1].contains("--detections"));
  }
}
