package org.edgenas.train.supernet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.compress.Importance;
import org.edgenas.space.YamlDoc;
import org.edgenas.train.EvaluatorProfile;
import org.edgenas.train.EvaluatorProfiles;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A supernet profile ({@code evaluators/supernet.yaml}): its {@code proxy:} block is the training
 * schedule of the supernet (steps, batch, AdamW, image size, seed), its {@code supernet:} block the
 * sandwich rule, the checkpoints and how a candidate's estimate is made from it.
 *
 * @param training the supernet's training schedule (always AdamW on the shared tensors)
 * @param trainer paths per step, checkpoint interval, slicing rule
 * @param bnBatches training batches that re-estimate an inherited path's BatchNorm statistics
 * @param finetuneSteps steps of an optional standalone fine-tune of the inherited path (0: none)
 */
public record SupernetProfile(EvaluatorProfile training, SupernetTrainer.Settings trainer, int bnBatches, int finetuneSteps) {
  static final List<String> KEYS = List.of("random_paths", "checkpoint_every", "importance", "bn_batches", "finetune_steps");

  public static SupernetProfile load(Path file) {
    EvaluatorProfile training = EvaluatorProfiles.load(file);
    YamlDoc doc = YamlDoc.read(file);
    Map<String, Node> top = doc.mapping(doc.root(), "the profile");
    Node block = top.get("supernet");
    if (block == null) throw doc.error(doc.root(), "missing the 'supernet:' block (random_paths, checkpoint_every, importance, bn_batches, finetune_steps)");
    Map<String, Node> m = doc.mapping(block, "supernet");
    doc.onlyKeys(m, "supernet", KEYS, block);
    Importance importance = Importance.ORDER;
    if (m.containsKey("importance")) {
      String v = doc.string(m.get("importance"), "supernet.importance");
      importance = switch (v) {
        case "order" -> Importance.ORDER;
        case "l1_bn_scaled" -> Importance.L1_BN_SCALED;
        default -> throw doc.error(m.get("importance"), "supernet.importance must be order or l1_bn_scaled, was " + v);
      };
    }
    var settings = new SupernetTrainer.Settings(
        m.containsKey("random_paths") ? doc.integer(m.get("random_paths"), "supernet.random_paths", 0, 16) : 2,
        m.containsKey("checkpoint_every") ? doc.integer(m.get("checkpoint_every"), "supernet.checkpoint_every", 1, 1_000_000) : 50,
        importance);
    return new SupernetProfile(training, settings,
        m.containsKey("bn_batches") ? doc.integer(m.get("bn_batches"), "supernet.bn_batches", 0, 10_000) : 8,
        m.containsKey("finetune_steps") ? doc.integer(m.get("finetune_steps"), "supernet.finetune_steps", 0, 1_000_000) : 0);
  }

  /** The name of the slicing rule, as recorded in the supernet file. */
  public String importanceName() {
    return trainer.importance() == Importance.ORDER ? "order" : "l1_bn_scaled";
  }
}
