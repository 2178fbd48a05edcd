package org.edgenas.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.edgenas.common.Sha256;
import org.edgenas.data.YoloDataset;
import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.DistillSettings;
import org.edgenas.profile.EvaluatorProfile;

/**
 * The digests that key trained parents (see {@link org.edgenas.compress.ParentKey}) and cached
 * answers: an evaluator profile at one image size (and the master seed), and a dataset. {@code edgenas train} and a search compute them alike,
 * so a changed profile or dataset never reuses a parent trained on the old one.
 */
public final class TrainingKeys {
  private TrainingKeys() {}

  /**
   * 16 hex digits of SHA-256 over the profile file's text (its digest), its {@linkplain #effective
   * effective settings}, the training image size and, with {@code init:}, the checkpoint file's
   * SHA-256 (so a changed checkpoint under the same name never reuses a parent or an answer trained
   * from the old one), and the bytes of the other files a training reads: the {@code init:}
   * reference architectures and the {@code compress.distill} teacher, each by file name and SHA-256.
   * A worker that resolves one of them from its own folder to other bytes computes another key and
   * is refused, instead of answering under the driver's.
   *
   * <p>The text alone does not say what a key the file leaves out means: when a default changes
   * (as {@code compress.bn_recalibration} appeared, default 8), the same text gives other answers.
   * The settings as parsed, defaults filled in, are part of the key for that reason, rather than a
   * format version to bump by hand: a changed default changes the key without anyone remembering
   * to, and answers made under the same text and the same effective settings keep their key.
   */
  public static String profileHash(EvaluatorProfile profile, int imgsz) {
    return sha16(profile.digest() + "|" + effective(profile) + "|imgsz=" + imgsz
        + (profile.init() == null ? "" : "|init=" + profile.init().sha256() + filesKey("|init_refs", profile.init().references()))
        + (profile.compress().distill() == null ? ""
            : filesKey("|teacher", List.of(profile.compress().distill().teacherFile()))));
  }

  private static String filesKey(String label, List<Path> files) {
    StringBuilder sb = new StringBuilder(label).append('=');
    for (Path f : files) sb.append(f.getFileName()).append(':').append(Sha256.hex(f)).append(',');
    return sb.toString();
  }

  /**
   * The values of the sections that change a trained answer ({@code proxy:}, {@code compress:},
   * {@code supernet:}), defaults filled in, without the paths files resolve to: a resumed run
   * reads its profile from its {@code inputs/} copy, a worker from its own folder.
   */
  static String effective(EvaluatorProfile profile) {
    CompressSettings c = profile.compress();
    DistillSettings d = c.distill();
    CompressSettings pathless = d == null ? c : c.withDistill(new DistillSettings(d.teacher(), null, d.weight(), d.temperature()));
    return "proxy=" + profile.proxy() + "|compress=" + pathless + "|supernet=" + profile.supernet();
  }

  /**
   * The key of an evaluator's answers: a training key and the master seed its training seeds derive
   * from, so that a run with another seed never reuses an answer trained with this one; and how the
   * seeds are derived (every candidate on the same batches, {@link ProxyEvaluation#trainingSeed}), so
   * that answers trained when each architecture had batches of its own are not reused either.
   */
  public static String withSeed(String trainingKey, long masterSeed) {
    return sha16(trainingKey + "|seed=" + masterSeed + "|batches=shared");
  }

  /** 16 hex digits of SHA-256 over the data.yaml text, the split sizes and every training image's name and box count. */
  public static String datasetFingerprint(Path dataYaml, YoloDataset dataset) {
    StringBuilder sb = new StringBuilder(read(dataYaml));
    sb.append("|train=").append(dataset.train().size()).append("|val=").append(dataset.val().size());
    dataset.train().forEach(i -> sb.append('|').append(i.path().getFileName()).append(':').append(i.boxes().size()));
    return sha16(sb.toString());
  }

  static String sha16(String text) {
    return Sha256.hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
