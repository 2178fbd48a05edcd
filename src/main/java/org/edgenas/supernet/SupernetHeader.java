package org.edgenas.supernet;

import java.util.List;

/**
 * What a supernet file was trained for and how far: a supernet inherits only into the space,
 * dataset, image size, class list and initial checkpoint it was trained with ({@link #checkMatches}).
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
 * @param init the checkpoint the shared tensors started from (the profile's {@code init:}); null: fresh
 * @param distill the weight of the in-place distillation it is trained with (the profile's {@code
 *     supernet.distill_weight} under {@code distill: true}); null: trained without (and in files
 *     written before this field existed)
 * @param sampling the path sampling it is trained with (the profile's {@code supernet.sampling}):
 *     {@code fair}; null for the sandwich rule (left out of the file, so a sandwich file is written
 *     as before this field existed, and such files read as sandwich)
 */
public record SupernetHeader(String space, String spaceHash, String dataset, int imgsz, List<String> classes, String profileHash,
    String importance, int step, int steps, long updates, double seconds, Init init, Double distill,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String sampling) {
  /**
   * The checkpoint a supernet started from.
   *
   * @param file its file name
   * @param sha256 64 hex digits of its bytes
   * @param transferred checkpoint tensors that went into the shared tensors
   * @param tensors checkpoint tensors considered
   */
  public record Init(String file, String sha256, int transferred, int tensors) {}

  public SupernetHeader {
    classes = List.copyOf(classes);
  }

  /** A supernet trained with the sandwich rule. */
  public SupernetHeader(String space, String spaceHash, String dataset, int imgsz, List<String> classes, String profileHash,
      String importance, int step, int steps, long updates, double seconds, Init init, Double distill) {
    this(space, spaceHash, dataset, imgsz, classes, profileHash, importance, step, steps, updates, seconds, init, distill, null);
  }

  /** A supernet started from fresh weights. */
  public SupernetHeader(String space, String spaceHash, String dataset, int imgsz, List<String> classes, String profileHash,
      String importance, int step, int steps, long updates, double seconds) {
    this(space, spaceHash, dataset, imgsz, classes, profileHash, importance, step, steps, updates, seconds, null, null);
  }

  /** The same supernet, trained with in-place distillation of {@code weight} (null: without). */
  public SupernetHeader withDistill(Double weight) {
    return new SupernetHeader(space, spaceHash, dataset, imgsz, classes, profileHash, importance, step, steps, updates, seconds, init, weight, sampling);
  }

  /** The same supernet, trained with the path sampling {@code rule} records (null: the sandwich rule). */
  public SupernetHeader withSampling(String rule) {
    return new SupernetHeader(space, spaceHash, dataset, imgsz, classes, profileHash, importance, step, steps, updates, seconds, init, distill, rule);
  }

  /** The same supernet after more training. */
  public SupernetHeader at(int doneSteps, long doneUpdates, double doneSeconds) {
    return new SupernetHeader(space, spaceHash, dataset, imgsz, classes, profileHash, importance, doneSteps, steps, doneUpdates, doneSeconds,
        init, distill, sampling);
  }

  /** The same supernet planned for {@code plannedSteps} steps. */
  public SupernetHeader planned(int plannedSteps) {
    return new SupernetHeader(space, spaceHash, dataset, imgsz, classes, profileHash, importance, step, plannedSteps, updates, seconds, init,
        distill, sampling);
  }

  /** True when every planned step is done. */
  public boolean complete() {
    return step >= steps;
  }

  /** {@link #checkMatches(String, String, String, int, List, String)} for a supernet wanted without a checkpoint. */
  public void checkMatches(String file, String wantSpaceHash, String wantDataset, int wantImgsz, List<String> wantClasses) {
    checkMatches(file, wantSpaceHash, wantDataset, wantImgsz, wantClasses, null);
  }

  /**
   * Throws a {@link org.edgenas.common.BadInputException} naming {@code file} and the first field in
   * which this supernet differs from what the caller needs; {@code wantInitSha256} is the SHA-256
   * of the profile's {@code init:} checkpoint, null for none.
   */
  public void checkMatches(String file, String wantSpaceHash, String wantDataset, int wantImgsz, List<String> wantClasses,
      String wantInitSha256) {
    String had = init == null ? null : init.sha256();
    String why = !spaceHash.equals(wantSpaceHash) ? "space: trained for space '" + space + "' " + spaceHash + ", this space file hashes to " + wantSpaceHash
        : !classes.equals(wantClasses) ? "classes: trained for " + classes + ", the dataset has " + wantClasses
        : !dataset.equals(wantDataset) ? "dataset: trained on dataset " + dataset + ", this dataset's fingerprint is " + wantDataset
        : imgsz != wantImgsz ? "imgsz: trained at " + imgsz + " px, " + wantImgsz + " px asked"
        : !java.util.Objects.equals(had, wantInitSha256) ? "init: started from "
            + (init == null ? "fresh weights" : "checkpoint " + init.file() + " (sha256 " + had.substring(0, 16) + "…)")
            + ", the profile asks for " + (wantInitSha256 == null ? "no init: checkpoint" : "an init: checkpoint of sha256 " + wantInitSha256.substring(0, 16) + "…")
        : null;
    if (why != null) throw new org.edgenas.common.BadInputException(file + ": the supernet was trained for another task (" + why + ")");
  }

  /**
   * Throws a {@link org.edgenas.common.BadInputException} naming {@code file} unless this supernet
   * is trained with the in-place distillation {@code want} asks for (its weight; null: none), so
   * that a training is never continued under another loss.
   */
  public void checkDistill(String file, Double want) {
    if (java.util.Objects.equals(distill, want)) return;
    throw new org.edgenas.common.BadInputException(file + ": the supernet is trained " + distillText(distill) + " but the profile asks for "
        + (want == null ? "distill: false" : "distill: true, distill_weight " + want)
        + "; train into another file, or set the profile's supernet.distill back to what the file was trained with");
  }

  /**
   * Throws a {@link org.edgenas.common.BadInputException} naming {@code file} unless this supernet
   * is trained with the path sampling {@code want} records (null: the sandwich rule; {@code fair}),
   * so that a training is never continued under another sampling.
   */
  public void checkSampling(String file, String want) {
    if (java.util.Objects.equals(sampling, want)) return;
    throw new org.edgenas.common.BadInputException(file + ": the supernet is trained with sampling: " + samplingName(sampling)
        + " but the profile asks for sampling: " + samplingName(want)
        + "; train into another file, or set the profile's supernet.sampling back to what the file was trained with");
  }

  private static String samplingName(String rule) {
    return rule == null ? "sandwich" : rule;
  }

  private static String distillText(Double weight) {
    return weight == null ? "without in-place distillation (distill: false)" : "with in-place distillation (distill: true, distill_weight " + weight + ")";
  }
}
