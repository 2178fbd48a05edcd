package org.edgenas.profile;

import java.util.List;
import java.util.Map;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code supernet:} section of an evaluator profile ({@code evaluators/supernet.yaml}): the
 * sandwich rule of the supernet's training (whose schedule is the profile's {@code proxy:} section),
 * its checkpoints, its slicing rule, and how a candidate's estimate is made from it. A new key: add
 * it to {@link #KEYS} and read it in {@code parse}.
 *
 * @param randomPaths random paths per training step besides the largest and the smallest (0..16)
 * @param checkpointEvery steps between atomic checkpoints of the supernet file
 * @param importance how a narrower path keeps channels: {@code order} (the first of each tied
 *     group) or {@code l1_bn_scaled} (the largest BN-scaled L1 sums)
 * @param bnBatches training batches that re-estimate an inherited path's BatchNorm statistics (0: none)
 * @param finetuneSteps steps of an optional standalone fine-tune of the inherited path (0: none)
 * @param distill in-place distillation: every path but the largest also learns the largest path's
 *     outputs on the same batch ({@code org.edgenas.train.InPlaceDistillationLoss})
 * @param distillWeight gain of that distillation term against the label loss (≥ 0)
 */
public record SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps,
    boolean distill, double distillWeight) {
  public static final String BLOCK_KEY = "supernet";
  /** The keys of the {@code supernet:} section. */
  public static final List<String> KEYS = List.of("random_paths", "checkpoint_every", "importance", "bn_batches", "finetune_steps",
      "distill", "distill_weight");
  /** The slicing rules {@code importance} may name. */
  public static final List<String> IMPORTANCES = List.of("order", "l1_bn_scaled");
  /** The largest {@code distill_weight}. */
  public static final double MAX_DISTILL_WEIGHT = 100;
  private static final double DEFAULT_DISTILL_WEIGHT = 1.0;
  /** The defaults of an empty section. */
  public static final SupernetSettings DEFAULT = new SupernetSettings(2, 50, "order", 8, 0, false, DEFAULT_DISTILL_WEIGHT);

  public SupernetSettings {
    if (randomPaths < 0 || randomPaths > 16) throw new IllegalArgumentException("random_paths must be 0..16, was " + randomPaths);
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint_every must be at least 1, was " + checkpointEvery);
    if (!IMPORTANCES.contains(importance)) throw new IllegalArgumentException("importance must be one of " + IMPORTANCES + ", was " + importance);
    if (bnBatches < 0 || finetuneSteps < 0) throw new IllegalArgumentException("bn_batches and finetune_steps must be ≥ 0");
    if (!(distillWeight >= 0 && distillWeight <= MAX_DISTILL_WEIGHT)) {
      throw new IllegalArgumentException("distill_weight must be 0.." + MAX_DISTILL_WEIGHT + ", was " + distillWeight);
    }
  }

  /** Settings without in-place distillation. */
  public SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps) {
    this(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, false, DEFAULT_DISTILL_WEIGHT);
  }

  /** The distillation weight when {@code distill} is on, null when off: what a supernet file records. */
  public Double distillation() {
    return distill ? distillWeight : null;
  }

  /** The same settings with another fine-tune length. */
  public SupernetSettings withFinetuneSteps(int steps) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, bnBatches, steps, distill, distillWeight);
  }

  /** The same settings with another number of recalibration batches. */
  public SupernetSettings withBnBatches(int batches) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, batches, finetuneSteps, distill, distillWeight);
  }

  static SupernetSettings parse(YamlDoc doc, Node block) {
    Map<String, Node> m = doc.fields(block, BLOCK_KEY, KEYS);
    String importance = DEFAULT.importance;
    if (m.containsKey("importance")) {
      importance = doc.string(m.get("importance"), key("importance"));
      if (!IMPORTANCES.contains(importance)) {
        throw doc.error(m.get("importance"), key("importance") + " must be order or l1_bn_scaled, was " + importance);
      }
    }
    return new SupernetSettings(
        m.containsKey("random_paths") ? doc.integer(m.get("random_paths"), key("random_paths"), 0, 16) : DEFAULT.randomPaths,
        m.containsKey("checkpoint_every") ? doc.integer(m.get("checkpoint_every"), key("checkpoint_every"), 1, 1_000_000) : DEFAULT.checkpointEvery,
        importance,
        m.containsKey("bn_batches") ? doc.integer(m.get("bn_batches"), key("bn_batches"), 0, 10_000) : DEFAULT.bnBatches,
        m.containsKey("finetune_steps") ? doc.integer(m.get("finetune_steps"), key("finetune_steps"), 0, 1_000_000) : DEFAULT.finetuneSteps,
        m.containsKey("distill") ? doc.flag(m.get("distill"), key("distill")) : DEFAULT.distill,
        m.containsKey("distill_weight") ? doc.number(m.get("distill_weight"), key("distill_weight"), 0, MAX_DISTILL_WEIGHT) : DEFAULT.distillWeight);
  }

  private static String key(String field) {
    return BLOCK_KEY + "." + field;
  }
}
