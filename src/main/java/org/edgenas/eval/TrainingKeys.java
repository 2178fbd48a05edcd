package org.edgenas.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.EvaluatorProfile;

/**
 * The digests that key trained parents (see {@link org.edgenas.compress.ParentKey}) and cached
 * answers: an evaluator profile at one image size (and the master seed), and a dataset. {@code edgenas train} and a search compute them alike,
 * so a changed profile or dataset never reuses a parent trained on the old one.
 */
public final class TrainingKeys {
  private TrainingKeys() {}

  /**
   * 16 hex digits of SHA-256 over the profile file's text (its digest), the training image size and,
   * with {@code init:}, the checkpoint file's SHA-256 (so a changed checkpoint under the same name
   * never reuses a parent or an answer trained from the old one).
   */
  public static String profileHash(EvaluatorProfile profile, int imgsz) {
    return sha16(profile.digest() + "|imgsz=" + imgsz + (profile.init() == null ? "" : "|init=" + profile.init().sha256()));
  }

  /**
   * The key of an evaluator's answers: a training key and the master seed its training seeds derive
   * from, so that a run with another seed never reuses an answer trained with this one.
   */
  public static String withSeed(String trainingKey, long masterSeed) {
    return sha16(trainingKey + "|seed=" + masterSeed);
  }

  /** 16 hex digits of SHA-256 over the data.yaml text, the split sizes and every training image's name and box count. */
  public static String datasetFingerprint(Path dataYaml, YoloDataset dataset) {
    StringBuilder sb = new StringBuilder(read(dataYaml));
    sb.append("|train=").append(dataset.train().size()).append("|val=").append(dataset.val().size());
    dataset.train().forEach(i -> sb.append('|').append(i.path().getFileName()).append(':').append(i.boxes().size()));
    return sha16(sb.toString());
  }

  static String sha16(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
