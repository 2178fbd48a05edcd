package org.edgenas.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.space.YamlDoc;
import org.edgenas.train.EvaluatorProfile;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code compress:} block of an evaluator profile: how long a pruned candidate is fine-tuned
 * and how many training images calibrate int8 layers, and an optional knowledge distillation
 * ({@link DistillSettings}, null when absent) applied to the proxy training and the fine-tune.
 * Absent: 0 fine-tune steps, 16 images, no distillation.
 */
public record CompressSettings(int finetuneSteps, int calibrationImages, DistillSettings distill) {
  public static final CompressSettings DEFAULT = new CompressSettings(0, 16, null);

  public CompressSettings(int finetuneSteps, int calibrationImages) {
    this(finetuneSteps, calibrationImages, null);
  }

  /** The same settings with another distillation (null: none). */
  public CompressSettings withDistill(DistillSettings d) {
    return new CompressSettings(finetuneSteps, calibrationImages, d);
  }

  /** The same settings with another fine-tune length. */
  public CompressSettings withFinetuneSteps(int steps) {
    return new CompressSettings(steps, calibrationImages, distill);
  }
  public static final String BLOCK_KEY = "compress";

  public static CompressSettings load(Path file) {
    YamlDoc doc = YamlDoc.read(file);
    Map<String, Node> top = doc.mapping(doc.root(), "the file");
    Node block = top.get(BLOCK_KEY);
    if (block == null) return DEFAULT;
    Map<String, Node> f = doc.mapping(block, BLOCK_KEY);
    doc.onlyKeys(f, BLOCK_KEY, List.of("finetune_steps", "calibration_images", "distill"), block);
    int steps = f.containsKey("finetune_steps") ? doc.integer(f.get("finetune_steps"), BLOCK_KEY + ".finetune_steps", 0, 100_000) : 0;
    int images = f.containsKey("calibration_images") ? doc.integer(f.get("calibration_images"), BLOCK_KEY + ".calibration_images", 1, 10_000) : 16;
    DistillSettings distill = f.containsKey("distill") ? DistillSettings.parse(doc, f.get("distill"), file) : null;
    return new CompressSettings(steps, images, distill);
  }

  /** The training profile of the fine-tune: the proxy profile with fewer steps and no warm-up. */
  public EvaluatorProfile finetuneProfile(EvaluatorProfile p) {
    if (finetuneSteps < 1) throw new BadInputException("fine-tuning needs compress.finetune_steps ≥ 1");
    return new EvaluatorProfile(p.name() + "-finetune", p.imgsz(), finetuneSteps, 0, p.batch(), p.lr0() * 0.1, p.lrf(),
        0, p.warmupBiasLr(), p.momentum(), p.weightDecay(), p.cosine(), p.subset(), p.threads(), p.seed() + 1, p.augment(),
        p.optimizer());
  }
}
