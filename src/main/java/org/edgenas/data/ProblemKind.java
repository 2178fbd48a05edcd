package org.edgenas.data;

/** The kinds of problem a dataset scan finds, each an error or a warning. */
public enum ProblemKind {
  MISSING_LABEL("missing label file (background image)", false),
  EMPTY_LABEL("empty label file (background image)", false),
  DUPLICATE_ROW("duplicate rows", false),
  WRONG_COLUMNS("wrong column count", true),
  NON_NUMERIC("non-numeric value", true),
  BOX_OUT_OF_RANGE("box out of range", true),
  UNKNOWN_CLASS("unknown class index", true),
  UNREADABLE_IMAGE("unreadable image / not an image", true),
  MISSING_IMAGE("listed image does not exist", true),
  NO_IMAGES("split without images", true),
  NO_BOXES("split without any box", true);

  private final String title;
  private final boolean error;

  ProblemKind(String title, boolean error) {
    this.title = title;
    this.error = error;
  }

  /** A short human title, e.g. "wrong column count". */
  public String title() {
    return title;
  }

  /** True for errors (the check fails), false for warnings. */
  public boolean isError() {
    return error;
  }
}
