package org.edgenas.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code compress:} block of an evaluator profile: how long a pruned candidate is fine-tuned
 * and how many training images calibrate int8 layers, and an optional knowledge distillation
 * ({@link DistillSettings}, null when absent) applied to the proxy training and the fine-tunes,
 * and the length of a quantization-aware fine-tune of candidates with int8 layers (int8 weight
 * fake-quant, straight-through; 0 = post-training quantization only), and how many training batches
 * re-estimate a pruned network's BatchNorm statistics right after pruning, before any fine-tune
 * ({@code bn_recalibration}; 0 = none).
 * Absent: 0 fine-tune steps, 16 images, no distillation, no quantization-aware fine-tune, 8
 * recalibration batches. A new key: add it to {@link #KEYS} and read it in {@code parse}.
 *
 * <p>{@code bn_recalibration} defaults to 8, also where a constructor does not name it: without a
 * fine-tune a pruned network keeps its parent's running statistics, which no longer fit (a layer
 * whose input lost channels sees other activations), and its mAP collapses (six supernet-inherited
 * yolo-lite candidates at 96 px: parent 0.22–0.27 mAP50-95, pruned 0.000–0.076; re-estimated on 8
 * batches, about 1 s each, 0.0065–0.171).
 */
public record CompressSettings(int finetuneSteps, int calibrationImages, DistillSettings distill, int qatSteps,
    int bnRecalibration) {
  /** Recalibration batches of a pruned network when the profile does not say. */
  public static final int DEFAULT_BN_RECALIBRATION = 8;
  public static final CompressSettings DEFAULT = new CompressSettings(0, 16, null, 0);

  public CompressSettings {
    if (bnRecalibration < 0) throw new IllegalArgumentException("bn_recalibration must be 0 or more batches, was " + bnRecalibration);
  }

  public CompressSettings(int finetuneSteps, int calibrationImages) {
    this(finetuneSteps, calibrationImages, null, 0);
  }

  public CompressSettings(int finetuneSteps, int calibrationImages, DistillSettings distill) {
    this(finetuneSteps, calibrationImages, distill, 0);
  }

  /** Settings with the default {@value #DEFAULT_BN_RECALIBRATION} recalibration batches after pruning. */
  public CompressSettings(int finetuneSteps, int calibrationImages, DistillSettings distill, int qatSteps) {
    this(finetuneSteps, calibrationImages, distill, qatSteps, DEFAULT_BN_RECALIBRATION);
  }

  /** The same settings with another distillation (null: none). */
  public CompressSettings withDistill(DistillSettings d) {
    return new CompressSettings(finetuneSteps, calibrationImages, d, qatSteps, bnRecalibration);
  }

  /** The same settings with another fine-tune length. */
  public CompressSettings withFinetuneSteps(int steps) {
    return new CompressSettings(steps, calibrationImages, distill, qatSteps, bnRecalibration);
  }

  /** The same settings with another quantization-aware fine-tune length (0: none). */
  public CompressSettings withQatSteps(int steps) {
    return new CompressSettings(finetuneSteps, calibrationImages, distill, steps, bnRecalibration);
  }

  /** The same settings with another number of recalibration batches after pruning (0: none). */
  public CompressSettings withBnRecalibration(int batches) {
    return new CompressSettings(finetuneSteps, calibrationImages, distill, qatSteps, batches);
  }
  public static final String BLOCK_KEY = "compress";

  /** The keys of the {@code compress:} section. */
  public static final List<String> KEYS = List.of("finetune_steps", "calibration_images", "distill", "qat_steps", "bn_recalibration");

  /**
   * Reads the value of a profile's {@code compress:} key; {@code file} is the profile (a teacher path
   * resolves against it) and {@code teacherFile}, when not null, where the distillation teacher is instead.
   */
  static CompressSettings parse(YamlDoc doc, Node block, Path file, Path teacherFile) {
    Map<String, Node> f = doc.fields(block, BLOCK_KEY, KEYS);
    int steps = f.containsKey("finetune_steps") ? doc.integer(f.get("finetune_steps"), BLOCK_KEY + ".finetune_steps", 0, 100_000) : 0;
    int images = f.containsKey("calibration_images") ? doc.integer(f.get("calibration_images"), BLOCK_KEY + ".calibration_images", 1, 10_000) : 16;
    DistillSettings distill = f.containsKey("distill") ? DistillSettings.parse(doc, f.get("distill"), file, teacherFile) : null;
    int qat = f.containsKey("qat_steps") ? doc.integer(f.get("qat_steps"), BLOCK_KEY + ".qat_steps", 0, 100_000) : 0;
    int bn = f.containsKey("bn_recalibration") ? doc.integer(f.get("bn_recalibration"), BLOCK_KEY + ".bn_recalibration", 0, 10_000)
        : DEFAULT_BN_RECALIBRATION;
    return new CompressSettings(steps, images, distill, qat, bn);
  }

  /** A compression fine-tune's learning rate, as a fraction of the proxy profile's lr0. */
  public static final double FINETUNE_LR = 0.1;

  /** The training profile of the fine-tune: the proxy profile with fewer steps, a tenth of its lr0 and no warm-up. */
  public ProxySettings finetuneProfile(ProxySettings p) {
    if (finetuneSteps < 1) throw new BadInputException("fine-tuning needs compress.finetune_steps ≥ 1");
    return p.fineTune("-finetune", finetuneSteps, FINETUNE_LR, 1);
  }

  /** The training profile of the quantization-aware fine-tune: as {@link #finetuneProfile}, {@code qat_steps} long. */
  public ProxySettings qatProfile(ProxySettings p) {
    if (qatSteps < 1) throw new BadInputException("a quantization-aware fine-tune needs compress.qat_steps ≥ 1");
    return p.fineTune("-qat", qatSteps, FINETUNE_LR, 2);
  }
}
