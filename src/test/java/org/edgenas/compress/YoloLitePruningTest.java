package org.edgenas.compress;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded samples of the shipped spaces: every pruned architecture lowers to its parent's ops
 * (only narrower) and prunes to exactly its cost-model figures.
 */
class YoloLitePruningTest {
  @ParameterizedTest
  @ValueSource(strings = {"spaces/yolo-lite.yaml", "spaces/tiny.yaml"})
  void everySampledArchitecturePrunesToItsCostModelFigures(String file) {
    SearchSpace space = SpaceLoader.load(Path.of(file));
    SplittableRandom random = new SplittableRandom(17);
    int checked = 0;
    while (checked < 40) {
      Architecture arch = space.freeze(space.samplePicks(random));
      if (arch.layers().stream().allMatch(l -> l.prune() == 0)) continue;
      checked++;
      NetworkPairing.check(arch.uncompressed().lower(64), arch.lower(64));
      ChannelPrunerShapeTest.assertPrunesExactly(arch.uncompressed(), arch, 64);
    }
  }
}
