package org.edgenas.compress;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.edgenas.arch.Architecture;

/**
 * What a trained parent depends on: the architecture without pruning and bit widths ({@link
 * Architecture#parentHash()}), the evaluator profile (its training settings, by hash), the image
 * size and the dataset's fingerprint. Every candidate that differs only in pruning ratios and bit
 * widths has the same key, so its expensive float proxy training is done once.
 */
public record ParentKey(String parentHash, String profileHash, int imgsz, String datasetFingerprint) {
  public ParentKey {
    if (parentHash == null || !parentHash.matches("[0-9a-f]{16}")) {
      throw new IllegalArgumentException("parentHash must be 16 lowercase hex digits (Architecture.parentHash()), was '" + parentHash + "'");
    }
    requireText("profileHash", profileHash);
    requireText("datasetFingerprint", datasetFingerprint);
    if (imgsz < 32 || imgsz % 32 != 0) throw new IllegalArgumentException("imgsz must be a positive multiple of 32, was " + imgsz);
  }

  public static ParentKey of(Architecture candidate, String profileHash, int imgsz, String datasetFingerprint) {
    return new ParentKey(candidate.parentHash(), profileHash, imgsz, datasetFingerprint);
  }

  /** One line naming every part; stored in the parent's file and checked when it is read back. */
  public String canonical() {
    return "parent=" + parentHash + ";profile=" + profileHash + ";imgsz=" + imgsz + ";dataset=" + datasetFingerprint;
  }

  /** A file name unique to the key: the parent hash, then 16 hex digits of SHA-256 over the whole key. */
  public String fileName() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return parentHash + "-" + HexFormat.of().formatHex(d, 0, 8) + ".weights";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(Character::isISOControl) || value.length() > 256) {
      throw new IllegalArgumentException(field + " must be 1..256 printable characters, was '" + value + "'");
    }
  }
}
