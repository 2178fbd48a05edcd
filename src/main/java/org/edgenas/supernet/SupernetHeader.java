package org.edgenas.supernet;

import java.util.List;

/**
 * What a supernet file was trained for and how far: a supernet inherits only into the space,
 * dataset, image size and class list it was trained on ({@link #checkMatches}).
 *
 * @param space the space's name
 * @param spaceHash 16 hex digits of SHA-256 over the space file's text
 * @param dataset the dataset fingerprint (data.yaml text, split sizes, every training image's name and box count)
 * @param imgsz the training image size
 * @param classes the dataset's class names, in order
 * @param profileHash the training profile's hash
 * @param importance how channels are ordered for slicing ({@code order} or an importance)
 * @param step training steps done
 * @param steps training steps planned
 * @param updates optimizer updates applied (steps with a finite gradient)
 * @param seconds wall seconds of training so far
 */
public record SupernetHeader(String space, String spaceHash, String dataset, int imgsz, List<String> classes, String profileHash,
    String importance, int step, int steps, long updates, double seconds) {
  public SupernetHeader {
    classes = List.copyOf(classes);
  }

  /** The same supernet after more training. */
  public SupernetHeader at(int doneSteps, long doneUpdates, double doneSeconds) {
    return new SupernetHeader(space, spaceHash, dataset, imgsz, classes, profileHash, importance, doneSteps, steps, doneUpdates, doneSeconds);
  }

  /** True when every planned step is done. */
  public boolean complete() {
    return step >= steps;
  }

  /**
   * Throws a {@link org.edgenas.common.BadInputException} naming {@code file} and the first field in
   * which this supernet differs from what the caller needs.
   */
  public void checkMatches(String file, String wantSpaceHash, String wantDataset, int wantImgsz, List<String> wantClasses) {
    String why = !spaceHash.equals(wantSpaceHash) ? "space: trained for space '" + space + "' " + spaceHash + ", this space file hashes to " + wantSpaceHash
        : !classes.equals(wantClasses) ? "classes: trained for " + classes + ", the dataset has " + wantClasses
        : !dataset.equals(wantDataset) ? "dataset: trained on dataset " + dataset + ", this dataset's fingerprint is " + wantDataset
        : imgsz != wantImgsz ? "imgsz: trained at " + imgsz + " px, " + wantImgsz + " px asked"
        : null;
    if (why != null) throw new org.edgenas.common.BadInputException(file + ": the supernet was trained for another task (" + why + ")");
  }
}
