package org.edgenas.profile;

import java.nio.file.Path;
import java.util.Objects;
import org.edgenas.common.BadInputException;
import org.edgenas.latency.MeasurementProtocol;

/**
 * An evaluator profile ({@code evaluators/*.yaml}), read once by {@link EvaluatorProfiles} into its
 * typed sections; everything downstream of a recipe gets this value, never the file's path.
 *
 * <p>Sections: {@code proxy:} ({@link ProxySettings}, how a candidate is proxy-trained; absent in a
 * latency-only profile), {@code compress:} ({@link CompressSettings}: fine-tune, calibration,
 * distillation, quantization-aware fine-tune), {@code latency:} ({@link MeasurementProtocol}) and
 * {@code supernet:} ({@link SupernetSettings}: a weight-sharing supernet's sandwich rule and estimates) and
 * {@code init:} ({@link InitSettings}, a checkpoint the proxy trainings start from).
 * To add a section: add its key to {@link EvaluatorProfiles#KEYS}, a component here, and read it
 * in {@link EvaluatorProfiles#parse}.
 *
 * @param name the file name without extension ({@code none} for {@link #NONE})
 * @param file the profile file; null for {@link #NONE}
 * @param digest 16 hex digits of SHA-256 over the file's text: what a cached training depends on
 * @param proxy proxy-training settings; null when the profile has no {@code proxy:} section
 * @param compress compression settings ({@link CompressSettings#DEFAULT} when absent)
 * @param latency the latency measurement protocol ({@link MeasurementProtocol#DEFAULT} when absent)
 * @param supernet the supernet settings; null when the profile has no {@code supernet:} section
 * @param init the checkpoint proxy trainings start from ({@code init:}); null when they start fresh
 */
public record EvaluatorProfile(String name, Path file, String digest, ProxySettings proxy, CompressSettings compress,
    MeasurementProtocol latency, SupernetSettings supernet, InitSettings init) {
  /** The profile of a recipe that names none: no proxy training, default compression and latency protocol. */
  public static final EvaluatorProfile NONE =
      new EvaluatorProfile("none", null, "none", null, CompressSettings.DEFAULT, MeasurementProtocol.DEFAULT, null, null);

  /** A profile without {@code init:}. */
  public EvaluatorProfile(String name, Path file, String digest, ProxySettings proxy, CompressSettings compress,
      MeasurementProtocol latency, SupernetSettings supernet) {
    this(name, file, digest, proxy, compress, latency, supernet, null);
  }

  public EvaluatorProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(compress, "compress");
    Objects.requireNonNull(latency, "latency");
  }

  /** Whether the profile says how to proxy-train (a {@code proxy:} section). */
  public boolean hasProxy() {
    return proxy != null;
  }

  /** Whether the profile describes a weight-sharing supernet (a {@code supernet:} section). */
  public boolean hasSupernet() {
    return supernet != null;
  }

  /** The {@code proxy:} section; bad input naming the file when the profile has none. */
  public ProxySettings requireProxy() {
    if (proxy == null) {
      throw BadInputException.at(file == null ? "the evaluator profile" : file.toString(), 1,
          "missing the '" + EvaluatorProfiles.BLOCK_KEY + ":' section of proxy-training settings");
    }
    return proxy;
  }
}
