package org.edgenas.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference architectures reproduce the Ultralytics summary lines exactly. */
class ReferenceCostTest {
  @ParameterizedTest(name = "{0}: {1} params, {2} gradients, {3} GFLOPs")
  @CsvSource({
    "yolo11n, 2624080, 2624064, 6.6",
    "yolo11s, 9458752, 9458736, 21.7",
    "yolo11m, 20114688, 20114672, 68.5",
    "yolov8n, 3157200, 3157184, 8.9",
  })
  void matchesUltralyticsSummary(String name, long params, long gradients, String gflops) {
    var space = SpaceLoader.load(Path.of("spaces/reference/" + name + ".yaml"));
    CostReport cost = CostModel.of(space.freeze(space.defaultPicks()), 640);
    assertEquals(params, cost.params(), "parameters");
    assertEquals(gradients, cost.gradients(), "gradients");
    assertEquals(gflops, String.format(java.util.Locale.ROOT, "%.1f", cost.gflops()), "GFLOPs " + cost.gflops());
  }
}
