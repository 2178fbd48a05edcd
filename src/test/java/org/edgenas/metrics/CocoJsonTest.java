package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoJsonTest {
  static final String GT = """
      {"info": {"description": "hand-made"},
       "images": [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480}, {"id": 2, "file_name": "b.jpg"}],
       "categories": [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}],
       "annotations": [
         {"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 20, 30, 40], "area": 1000.5, "iscrowd": 0},
         {"id": 2, "image_id": 2, "category_id": 3, "bbox": [0, 0, 100, 50.5], "area": 4000, "iscrowd": 1},
         {"id": 3, "image_id": 2, "category_id": 1, "bbox": [5, 5, 10, 10], "area": 100}
       ]}
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsGroundTruthWithAreaAndCrowdFields() throws IOException {
    CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
    assertEquals(List.of(new CocoImage(1, "a.jpg", 640, 480), new CocoImage(2, "b.jpg", 0, 0)), gt.images());
    assertEquals(List.of(new Category(1, "person"), new Category(3, "car")), gt.categories());
    assertEquals(new GroundTruth(1, 1, 1, new Box(10, 20, 30, 40), 1000.5, false), gt.annotations().get(0));
    assertEquals(new GroundTruth(2, 2, 3, new Box(0, 0, 100, 50.5), 4000, true), gt.annotations().get(1));
    assertEquals(false, gt.annotations().get(2).iscrowd()); // iscrowd absent -> 0
  }

  @Test
  void detectionsRoundTripThroughAResultsFile() throws IOException {
    CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
    List<Detection> dets = List.of(
        new Detection(2, 3, new Box(0.1, 1.0 / 3, 99.25, 50), 0.123456789012345),
        new Detection(1, 1, new Box(10, 20, 30, 40), 0.9),
        new Detection(1, 7, new Box(0, 0, 0, 0), 1e-9));
    Path results = dir.resolve("out/results.json");
    CocoJson.writeDetections(results, dets);
    assertEquals(dets, CocoJson.readDetections(results, gt));
    assertTrue(Files.readString(results).startsWith("[{\"image_id\":2,\"category_id\":3,\"bbox\":[0.1,"));
  }

  @Test
  void badBoxNamesFileIndexAndField() throws IOException {
    Path file = write("gt.json", GT.replace("[5, 5, 10, 10]", "[5, 5, 10]"));
    var e = assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(file));
    assertEquals(file + ": annotations[2].bbox must be 4 numbers, was 3", e.getMessage());
  }

  @Test
  void annotationOnAnUnlistedImageIsBadInput() throws IOException {
    Path file = write("gt.json", GT.replace("\"id\": 3, \"image_id\": 2", "\"id\": 3, \"image_id\": 9"));
    var e = assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(file));
    assertEquals(file + ": annotations[2].image_id 9 is not in images", e.getMessage());
  }

  @Test
  void missingAreaAndBadCrowdAreBadInput() throws IOException {
    Path noArea = write("a.json", GT.replace(", \"area\": 100}", "}"));
    assertEquals(noArea + ": annotations[2].area must be a finite number, was missing",
        assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(noArea)).getMessage());
    Path crowd = write("c.json", GT.replace("\"iscrowd\": 1", "\"iscrowd\": 2"));
    assertEquals(crowd + ": annotations[1].iscrowd must be 0 or 1, was 2",
        assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(crowd)).getMessage());
  }

  @Test
  void malformedJsonNamesTheLine() throws IOException {
    Path file = write("gt.json", "{\"images\": [\n{\"id\": 1,,}\n]}");
    var e = assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(file));
    assertTrue(e.getMessage().startsWith(file + ":2: not valid JSON"), e.getMessage());
  }

  @Test
  void missingFileIsBadInputNamingIt() {
    Path file = dir.resolve("nope.json");
    var e = assertThrows(BadInputException.class, () -> CocoJson.readGroundTruth(file));
    assertEquals(file + ": file not found", e.getMessage());
  }

  @Test
  void resultsOnImagesAbsentFromTheGroundTruthAreAnError() throws IOException {
    CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
    Path results = write("res.json",
        "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5},"
            + " {\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]");
    var e = assertThrows(BadInputException.class, () -> CocoJson.readDetections(results, gt));
    assertTrue(e.getMessage().startsWith(results + ": [1].image_id 42 is not an image of the ground truth"), e.getMessage());
  }

  @Test
  void resultsMustBeAListWithScores() throws IOException {
    CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
    Path notList = write("r1.json", "{\"image_id\": 1}");
    assertEquals(notList + ": top level must be a list, was {\"image_id\":1}",
        assertThrows(BadInputException.class, () -> CocoJson.readDetections(notList, gt)).getMessage());
    Path noScore = write("r2.json", "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]");
    assertEquals(noScore + ": [0].score must be a finite number, was missing",
        assertThrows(BadInputException.class, () -> CocoJson.readDetections(noScore, gt)).getMessage());
  }

  @Test
  void evaluatingTheGroundTruthAgainstItselfGivesOne() throws IOException {
    // every non-crowd GT detected exactly (score 1): each category's AP is P1 ~ 1; recall 1.
    CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
    List<Detection> dets = gt.annotations().stream().filter(a -> !a.iscrowd())
        .map(a -> new Detection(a.imageId(), a.categoryId(), a.box(), 1.0)).toList();
    CocoMetrics m = CocoEvaluator.evaluate(gt, dets);
    assertEquals(1, m.ap(), 1e-12);
    assertEquals(1, m.ar100(), 0);
    assertEquals(-1, m.classes().get(1).ap()); // car has only a crowd: nothing to find
  }
}
