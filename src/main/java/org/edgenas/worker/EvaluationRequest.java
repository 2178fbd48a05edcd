package org.edgenas.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.common.Sha256;
import org.edgenas.eval.TrainingKeys;

/**
 * One proxy evaluation to run anywhere, versioned JSON ({@code request.json}): everything a worker
 * needs besides the dataset's files, which it finds by reference and checks by fingerprint.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param edgenasVersion the driver's edgenas version; a worker of another version refuses the request
 * @param hash the architecture hash
 * @param architecture the architecture as a space file without choices (see {@code results.SpaceWriter})
 * @param imgsz the image size it is trained and scored at
 * @param masterSeed the run's master seed: every training seed derives from it and the architecture
 * @param dataset {@code builtin:synthetic} or the absolute path of a {@code data.yaml} every worker reaches
 * @param datasetFingerprint the driver's fingerprint of that dataset; a worker whose copy differs refuses
 * @param profileName the evaluator profile's file name
 * @param profileText the evaluator profile's text
 * @param profileHash the driver's training key: the profile's hash at {@code imgsz} (see {@code TrainingKeys.profileHash})
 */
public record EvaluationRequest(String format, int version, String edgenasVersion, String hash, String architecture,
    int imgsz, long masterSeed, String dataset, String datasetFingerprint, String profileName, String profileText,
    String profileHash) {
  public static final String FORMAT = "edgenas-evaluation-request";
  public static final int VERSION = 1;

  public EvaluationRequest {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(profileText, "profileText");
  }

  public static EvaluationRequest of(String edgenasVersion, String hash, String architecture, int imgsz, long masterSeed,
      String dataset, String datasetFingerprint, String profileName, String profileText, String profileHash) {
    return new EvaluationRequest(FORMAT, VERSION, edgenasVersion, hash, architecture, imgsz, masterSeed, dataset,
        datasetFingerprint, profileName, profileText, profileHash);
  }

  /** The cache key of its answer, as {@code EvaluatorResult.keyOf} makes it for the proxy evaluator. */
  public String key() {
    return hash + "|proxy-train|" + TrainingKeys.withSeed(profileHash, masterSeed) + "|none";
  }

  /**
   * 16 hex digits of SHA-256 over what decides the answer (format, versions, architecture hash, image
   * size, master seed, dataset and its fingerprint, profile hash): names its output folder and its
   * cluster workflow. Not over the texts, whose comments name the files they came from: a resumed
   * run reads its own copies and must find the same digests.
   */
  public String digest() {
    String key = String.join("|", format, String.valueOf(version), edgenasVersion, hash, String.valueOf(imgsz),
        String.valueOf(masterSeed), dataset, datasetFingerprint, profileHash);
    return Sha256.hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  public String toJson() {
    return Json.pretty(this);
  }

  /** Reads a request file; a file of another format or version is refused in one sentence. */
  public static EvaluationRequest read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read the request (" + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  /** Parses a request's JSON; {@code where} names its source in messages. */
  public static EvaluationRequest parse(String text, String where) {
    com.fasterxml.jackson.databind.JsonNode node;
    try {
      node = Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new BadInputException(where + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (!FORMAT.equals(node.path("format").asText())) {
      throw new BadInputException(where + ": format must be " + FORMAT + ", was " + node.path("format"));
    }
    if (node.path("version").asInt() != VERSION) {
      throw new BadInputException(where + ": version " + node.path("version") + " is not supported (this edgenas reads version " + VERSION + ")");
    }
    for (String field : new String[] {"hash", "architecture", "dataset", "datasetFingerprint", "profileName", "profileText", "profileHash"}) {
      if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
        throw new BadInputException(where + ": " + field + " is missing (expected a non-empty string)");
      }
    }
    if (node.path("imgsz").asInt() < 32 || node.path("imgsz").asInt() % 32 != 0) {
      throw new BadInputException(where + ": imgsz must be a positive multiple of 32, was " + node.path("imgsz"));
    }
    try {
      return Json.mapper().treeToValue(node, EvaluationRequest.class);
    } catch (IOException | RuntimeException e) {
      throw new BadInputException(where + ": " + e.getMessage());
    }
  }
}
