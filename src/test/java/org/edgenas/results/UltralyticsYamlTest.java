package org.edgenas.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class UltralyticsYamlTest {
  @Test
  void yolo11nBecomesUltralyticsRowsWithAbsoluteChannelsAndPositionalInputs() {
    Architecture arch = SpaceLoader.load(Path.of("spaces/reference/yolo11n.yaml")).freeze(new int[0]);
    UltralyticsYaml.Result r = UltralyticsYaml.of(arch);
    assertTrue(r.written(), r.blockers().toString());
    String yaml = r.yaml();
    // the rows of Ultralytics' yolo11.yaml at scale n, channels already multiplied by 0.25
    assertTrue(yaml.contains("  - [-1, 1, Conv, [16, 3, 2]]  # 0 p1"), yaml);
    assertTrue(yaml.contains("  - [-1, 1, C3k2, [64, False, 0.25, 1, True]]  # 2 b2"), yaml);
    assertTrue(yaml.contains("  - [-1, 1, SPPF, [256, 5]]  # 9 sppf"), yaml);
    assertTrue(yaml.contains("  - [-1, 1, C2PSA, [256, 0.5]]  # 10 psa"), yaml);
    assertTrue(yaml.contains("  - [-1, 1, nn.Upsample, [None, 2, 'nearest']]  # 11 up1"), yaml);
    assertTrue(yaml.contains("  - [[-1, 6], 1, Concat, [1]]  # 12 cat1"), yaml);
    assertTrue(yaml.contains("  - [[16, 19, -1], 1, Detect, [80]]  # 23 detect"), yaml);
    assertTrue(yaml.indexOf("head:") < yaml.indexOf("# 11 up1") && yaml.indexOf("# 10 psa") < yaml.indexOf("head:"), yaml);
    assertFalse(yaml.contains("scales"), yaml);
  }

  @Test
  void blocksWithoutAnUltralyticsModuleAreNamed() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    int[] picks = tiny.defaultPicks();
    int s2block = labels(tiny).indexOf("s2.block");
    picks[s2block] = 2; // GhostV3
    UltralyticsYaml.Result r = UltralyticsYaml.of(tiny.freeze(picks));
    assertFalse(r.written());
    assertEquals(List.of("s2: GhostV3 has no Ultralytics module of the same meaning"), r.blockers());
    assertTrue(UltralyticsYaml.of(tiny.freeze(tiny.defaultPicks())).written(), "the all-C3k2 default of tiny exists in Ultralytics");
  }

  private static List<String> labels(SearchSpace space) {
    return space.choices().stream().map(c -> c.label()).toList();
  }
}
