package org.edgenas.onnx;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * One architecture read from a space or reference file: a file without choices is that
 * architecture; a file with choices gives its default picks (the first option of each), or a
 * seeded sample when {@code pickSeed} is given. {@link #note} says which, for the user.
 */
public record ArchitectureFile(Architecture architecture, String note) {
  /** Reads {@code file}; {@code nc} > 0 overrides the file's class count; {@code pickSeed} null for the defaults. */
  public static ArchitectureFile load(Path file, int nc, Long pickSeed) {
    SearchSpace space = SpaceLoader.load(file, nc);
    if (space.choices().isEmpty()) return new ArchitectureFile(space.freeze(space.defaultPicks()), "");
    if (pickSeed == null) {
      return new ArchitectureFile(space.freeze(space.defaultPicks()), file + " has " + space.choices().size()
          + " choices: used the default picks (the first option of each); --pick-seed S samples instead");
    }
    return new ArchitectureFile(space.freeze(space.samplePicks(new SplittableRandom(pickSeed))),
        file + " has " + space.choices().size() + " choices: sampled the picks with --pick-seed " + pickSeed);
  }
}
