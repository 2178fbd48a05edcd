package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.edgenas.common.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random mixed cases (score ties, crowds, areas on the range bounds, unknown categories, several
 * images and categories) frozen with the 12 stats computed by {@code reference_cocoeval.py}, a
 * line-by-line pure-Python re-statement of pycocotools' COCOeval kept beside them.
 */
class CocoGoldenTest {
  @ParameterizedTest
  @ValueSource(ints = {3, 17, 42})
  void matchesTheReferenceStatement(int number) throws Exception {
    Path gtFile = resource("case" + number + "-gt.json");
    CocoGroundTruth gt = CocoJson.readGroundTruth(gtFile);
    CocoMetrics m = CocoEvaluator.evaluate(gt, CocoJson.readDetections(resource("case" + number + "-results.json"), gt));
    JsonNode expected = Json.mapper().readTree(resource("case" + number + "-expected.json").toFile());
    double[] stats = m.stats();
    for (int i = 0; i < 12; i++) {
      assertEquals(expected.get(i).asDouble(), stats[i], 1e-12, "case " + number + " stat " + i);
    }
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(CocoGoldenTest.class.getResource("/metrics/" + name).toURI());
  }
}
