package org.edgenas.profile;

import java.util.List;
import java.util.Map;
import org.edgenas.common.YamlDoc;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code supernet:} section of an evaluator profile ({@code evaluators/supernet.yaml}): the
 * path sampling of the supernet's training (the sandwich rule or FairNAS strict fairness) (whose schedule is the profile's {@code proxy:} section),
 * its checkpoints, its slicing rule, and how a candidate's estimate is made from it. A new key: add
 * it to {@link #KEYS} and read it in {@code parse}.
 *
 * @param randomPaths random paths per training step besides the largest and the smallest (0..16); sandwich sampling only
 * @param checkpointEvery steps between atomic checkpoints of the supernet file
 * @param importance how a narrower path keeps channels: {@code order} (the first of each tied
 *     group) or {@code l1_bn_scaled} (the largest BN-scaled L1 sums)
 * @param bnBatches training batches that re-estimate an inherited path's BatchNorm statistics (0: none)
 * @param finetuneSteps steps of an optional standalone fine-tune of the inherited path (0: none)
 * @param distill in-place distillation: every path but the largest also learns the largest path's
 *     outputs on the same batch ({@code org.edgenas.train.InPlaceDistillationLoss})
 * @param distillWeight gain of that distillation term against the label loss (≥ 0)
 * @param sampling which paths a training step trains: {@code sandwich} (the largest, the smallest and
 *     {@code randomPaths} random paths) or {@code fair} (FairNAS strict fairness: K paths in which
 *     every option of every choice appears equally often, K the most options of any block-kind
 *     choice; {@code org.edgenas.supernet.SupernetSpace#fairPicks}). {@code randomPaths} is ignored
 *     under {@code fair}, and {@code fair} trains no largest path, so it refuses {@code distill}
 * @param finetuneLr the fine-tune's learning rate as a fraction of the training profile's {@code lr0}
 *     (cosine or linear decay as that profile's, no warm-up); 0.1 by default, as a compression fine-tune
 */
public record SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps,
    boolean distill, double distillWeight, String sampling, double finetuneLr) {
  public static final String BLOCK_KEY = "supernet";
  /** The keys of the {@code supernet:} section. */
  public static final List<String> KEYS = List.of("random_paths", "checkpoint_every", "importance", "bn_batches", "finetune_steps",
      "distill", "distill_weight", "sampling", "finetune_lr");
  /** The sampling rules {@code sampling} may name; the first is the default. */
  public static final List<String> SAMPLINGS = List.of("sandwich", "fair");
  /** The slicing rules {@code importance} may name. */
  public static final List<String> IMPORTANCES = List.of("order", "l1_bn_scaled");
  /** The largest {@code distill_weight}. */
  public static final double MAX_DISTILL_WEIGHT = 100;
  private static final double DEFAULT_DISTILL_WEIGHT = 1.0;
  /** The largest {@code finetune_lr} (a multiple of the training profile's lr0). */
  public static final double MAX_FINETUNE_LR = 10;
  private static final double DEFAULT_FINETUNE_LR = 0.1;
  /** The defaults of an empty section. */
  public static final SupernetSettings DEFAULT = new SupernetSettings(2, 50, "order", 8, 0, false, DEFAULT_DISTILL_WEIGHT, "sandwich",
      DEFAULT_FINETUNE_LR);

  public SupernetSettings {
    if (randomPaths < 0 || randomPaths > 16) throw new IllegalArgumentException("random_paths must be 0..16, was " + randomPaths);
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint_every must be at least 1, was " + checkpointEvery);
    if (!IMPORTANCES.contains(importance)) throw new IllegalArgumentException("importance must be one of " + IMPORTANCES + ", was " + importance);
    if (bnBatches < 0 || finetuneSteps < 0) throw new IllegalArgumentException("bn_batches and finetune_steps must be ≥ 0");
    if (!(distillWeight >= 0 && distillWeight <= MAX_DISTILL_WEIGHT)) {
      throw new IllegalArgumentException("distill_weight must be 0.." + MAX_DISTILL_WEIGHT + ", was " + distillWeight);
    }
    if (!SAMPLINGS.contains(sampling)) throw new IllegalArgumentException("sampling must be one of " + SAMPLINGS + ", was " + sampling);
    if (distill && sampling.equals("fair")) throw new IllegalArgumentException(FAIR_DISTILL);
    if (!(finetuneLr > 0 && finetuneLr <= MAX_FINETUNE_LR)) {
      throw new IllegalArgumentException("finetune_lr must be in (0, " + MAX_FINETUNE_LR + "], was " + finetuneLr);
    }
  }

  private static final String FAIR_DISTILL = "distill: true needs the largest path as teacher, which sampling: fair does not train;"
      + " use sampling: sandwich or distill: false";

  /** Settings whose fine-tune (if any) runs at a tenth of the training's learning rate. */
  public SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps,
      boolean distill, double distillWeight, String sampling) {
    this(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, distill, distillWeight, sampling, DEFAULT_FINETUNE_LR);
  }

  /** Sandwich-rule settings. */
  public SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps,
      boolean distill, double distillWeight) {
    this(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, distill, distillWeight, "sandwich");
  }

  /** Settings without in-place distillation. */
  public SupernetSettings(int randomPaths, int checkpointEvery, String importance, int bnBatches, int finetuneSteps) {
    this(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, false, DEFAULT_DISTILL_WEIGHT);
  }

  /** Whether training steps draw FairNAS strictly fair paths ({@code sampling: fair}) instead of the sandwich rule. */
  public boolean fair() {
    return sampling.equals("fair");
  }

  /** What a supernet file records of the sampling: null for the sandwich rule (as in files written before the key existed), else its name. */
  public String samplingRecord() {
    return fair() ? sampling : null;
  }

  /** The same settings with another sampling rule. */
  public SupernetSettings withSampling(String rule) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, distill, distillWeight, rule, finetuneLr);
  }

  /** The distillation weight when {@code distill} is on, null when off: what a supernet file records. */
  public Double distillation() {
    return distill ? distillWeight : null;
  }

  /** The same settings with another fine-tune length. */
  public SupernetSettings withFinetuneSteps(int steps) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, bnBatches, steps, distill, distillWeight, sampling, finetuneLr);
  }

  /** The same settings with another fine-tune learning rate (a fraction of the training profile's lr0). */
  public SupernetSettings withFinetuneLr(double fraction) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, bnBatches, finetuneSteps, distill, distillWeight, sampling, fraction);
  }

  /** The same settings with another number of recalibration batches. */
  public SupernetSettings withBnBatches(int batches) {
    return new SupernetSettings(randomPaths, checkpointEvery, importance, batches, finetuneSteps, distill, distillWeight, sampling, finetuneLr);
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
    String sampling = DEFAULT.sampling;
    if (m.containsKey("sampling")) {
      sampling = doc.string(m.get("sampling"), key("sampling"));
      if (!SAMPLINGS.contains(sampling)) {
        throw doc.error(m.get("sampling"), key("sampling") + " must be sandwich or fair, was " + sampling);
      }
    }
    boolean distill = m.containsKey("distill") ? doc.flag(m.get("distill"), key("distill")) : DEFAULT.distill;
    if (distill && sampling.equals("fair")) throw doc.error(m.get("sampling"), key("sampling") + ": " + FAIR_DISTILL);
    return new SupernetSettings(
        m.containsKey("random_paths") ? doc.integer(m.get("random_paths"), key("random_paths"), 0, 16) : DEFAULT.randomPaths,
        m.containsKey("checkpoint_every") ? doc.integer(m.get("checkpoint_every"), key("checkpoint_every"), 1, 1_000_000) : DEFAULT.checkpointEvery,
        importance,
        m.containsKey("bn_batches") ? doc.integer(m.get("bn_batches"), key("bn_batches"), 0, 10_000) : DEFAULT.bnBatches,
        m.containsKey("finetune_steps") ? doc.integer(m.get("finetune_steps"), key("finetune_steps"), 0, 1_000_000) : DEFAULT.finetuneSteps,
        distill,
        m.containsKey("distill_weight") ? doc.number(m.get("distill_weight"), key("distill_weight"), 0, MAX_DISTILL_WEIGHT) : DEFAULT.distillWeight,
        sampling,
        m.containsKey("finetune_lr") ? positive(doc, m.get("finetune_lr")) : DEFAULT.finetuneLr);
  }

  private static double positive(YamlDoc doc, Node n) {
    double v = doc.number(n, key("finetune_lr"), 0, MAX_FINETUNE_LR);
    if (!(v > 0)) throw doc.error(n, key("finetune_lr") + " must be a fraction of lr0 above 0 (at most " + MAX_FINETUNE_LR + "), was " + v);
    return v;
  }

  private static String key(String field) {
    return BLOCK_KEY + "." + field;
  }
}
