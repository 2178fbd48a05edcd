package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
  private static TrainingProgress at(int step, long elapsedS, long remainingS) {
    return new TrainingProgress(step, 200, 1.5f, 0.5f, 0.7f, 0.3f, 40, Duration.ofSeconds(elapsedS), Duration.ofSeconds(remainingS));
  }

  @Test
  void aPartCountsStepsAcrossAllTrainingsAndTheTimeOfThoseToCome() {
    List<TrainingProgress> seen = new ArrayList<>();
    ProgressListener all = seen::add;
    all.asPart(0, 2).onStep(at(50, 10, 30));
    all.asPart(1, 2).onStep(at(50, 10, 30));
    assertEquals(50, seen.get(0).step());
    assertEquals(400, seen.get(0).steps());
    assertEquals(Duration.ofSeconds(30 + 40), seen.get(0).remaining(), "this training's rest and one more like it");
    assertEquals(250, seen.get(1).step());
    assertEquals(Duration.ofSeconds(30), seen.get(1).remaining(), "the last training: only its own rest");
    assertEquals(1.5f, seen.get(1).loss());
  }

  @Test
  void oneTrainingIsTheListenerItselfAndAPartOutOfRangeIsRefused() {
    ProgressListener l = p -> {};
    assertSame(l, l.asPart(0, 1));
    assertThrows(IllegalArgumentException.class, () -> l.asPart(2, 2));
  }
}
