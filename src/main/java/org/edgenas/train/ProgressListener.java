package org.edgenas.train;

/** Told after every training step; the search shows its own, the CLI a {@link ConsoleProgress}. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = p -> {};

  void onStep(TrainingProgress progress);
}
