package org.edgenas.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.space.Choice;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

/**
 * One step of strictly fair sampling ({@link SupernetSpace#fairPicks}): K paths, K the most options
 * of any block-kind choice, in which every option of every choice appears ⌊K/n⌋ or ⌈K/n⌉ times (so
 * every kind of a K-kind layer exactly once), drawn reproducibly from the generator.
 */
class FairSamplingTest {
  @Test
  void yoloLiteTrainsEveryKindOfEveryLayerOncePerStep() {
    checkSteps(SupernetSpace.of(SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), 4), 4), 6);
  }

  @Test
  void tinyTrainsEveryKindOfEveryLayerInTheRulesShare() {
    checkSteps(SupernetSpace.of(SpaceLoader.load(Path.of("spaces/tiny.yaml"), 4), 4), 3);
  }

  private static void checkSteps(SupernetSpace space, int expectedK) {
    assertEquals(expectedK, space.fairPaths());
    List<Choice> choices = space.space().choices();
    int kindGenes = 0;
    for (int i = 0; i < choices.size(); i++) if (space.isKind(i)) kindGenes++;
    assertTrue(kindGenes >= 2, "the space has block-kind choices");
    for (long seed = 0; seed < 20; seed++) {
      List<int[]> paths = space.fairPicks(new SplittableRandom(seed));
      assertEquals(expectedK, paths.size(), "K paths per step");
      for (int i = 0; i < choices.size(); i++) {
        int n = choices.get(i).size();
        int[] count = new int[n];
        for (int[] p : paths) count[p[i]]++;
        for (int o = 0; o < n; o++) {
          String what = choices.get(i).label() + " option " + choices.get(i).options().get(o) + " (seed " + seed + ")";
          assertTrue(count[o] == expectedK / n || count[o] == (expectedK + n - 1) / n, what + " appeared " + count[o] + " times");
          if (space.isKind(i) && n == expectedK) assertEquals(1, count[o], what + ": every kind exactly once");
        }
      }
      List<int[]> again = space.fairPicks(new SplittableRandom(seed));
      for (int j = 0; j < paths.size(); j++) assertArrayEquals(paths.get(j), again.get(j), "the same generator draws the same paths");
    }
  }
}
