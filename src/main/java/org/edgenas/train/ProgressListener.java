package org.edgenas.train;

/** Told after every training step; the search shows its own, the CLI a {@link ConsoleProgress}. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = p -> {};

  void onStep(TrainingProgress progress);

  /**
   * This listener told of training {@code part} (from 0) of {@code parts} equal trainings as of one
   * run: steps counted across all of them, and the time left including the trainings still to come
   * (each as long as this one).
   */
  default ProgressListener asPart(int part, int parts) {
    if (part < 0 || part >= parts) throw new IllegalArgumentException("part must be 0.." + (parts - 1) + ", was " + part);
    if (parts == 1) return this;
    return p -> onStep(new TrainingProgress(part * p.steps() + p.step(), parts * p.steps(), p.loss(), p.box(), p.cls(), p.dfl(),
        p.imagesPerSecond(), p.elapsed(), p.remaining().plus(p.elapsed().plus(p.remaining()).multipliedBy(parts - 1 - part))));
  }
}
