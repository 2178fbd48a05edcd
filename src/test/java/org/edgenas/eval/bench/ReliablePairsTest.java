package org.edgenas.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pairs every long seed orders alike are told apart from the rest, and each set is scored on its own. */
class ReliablePairsTest {
  // Long seeds agree on every pair but (b, c), which the second seed swaps.
  private static final List<Map<String, Double>> LONG = List.of(
      Map.of("a", 0.10, "b", 0.50, "c", 0.52, "d", 0.90),
      Map.of("a", 0.12, "b", 0.52, "c", 0.51, "d", 0.88));

  @Test
  void anEstimateRightOnTheReliablePairsScoresOneThereWhateverItDoesInsideTheNoise() {
    ReliablePairs p = ReliablePairs.of(Map.of("a", 1.0, "b", 3.0, "c", 2.0, "d", 4.0), LONG);
    assertEquals(5, p.reliableCount());
    assertEquals(1, p.noisyCount());
    assertEquals(1.0, p.reliable());
    assertEquals(-1.0, p.noisy(), "the mean of long puts c above b (0.515 > 0.51); the estimate does not");
  }

  @Test
  void oneReliablePairWrongOfFiveGivesThreeFifths() {
    ReliablePairs p = ReliablePairs.of(Map.of("a", 2.5, "b", 2.0, "c", 3.0, "d", 4.0), LONG);
    assertEquals((4 - 1) / 5.0, p.reliable(), 1e-12);
    assertEquals(1.0, p.noisy());
  }

  @Test
  void architecturesMissingFromAnyGroupAreLeftOutAndOneSeedIsRefused() {
    ReliablePairs p = ReliablePairs.of(Map.of("a", 1.0, "b", 2.0, "x", 9.0), LONG);
    assertEquals(List.of("a", "b"), p.hashes().stream().sorted().toList());
    assertEquals(1, p.reliableCount());
    assertThrows(IllegalArgumentException.class, () -> ReliablePairs.of(Map.of("a", 1.0), LONG.subList(0, 1)));
  }
}
