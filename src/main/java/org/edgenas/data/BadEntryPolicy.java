package org.edgenas.data;

/** What {@link YoloDataset#load} does with an image or label that has an error. */
public enum BadEntryPolicy {
  /** Leave the image (and its labels) out and record the problem. */
  SKIP,
  /** Stop at the first error with a {@link org.edgenas.common.BadInputException}. */
  FAIL
}
