package org.edgenas.data;

import java.util.Objects;

/**
 * One problem found in a dataset: its kind, and a message that starts with the file (and line
 * for label files), e.g. {@code labels/img3.txt:2: class 7 out of range 0..3}.
 */
public record Problem(ProblemKind kind, String split, String message) {
  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(message, "message");
  }

  public boolean isError() {
    return kind.isError();
  }
}
