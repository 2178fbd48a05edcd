package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.edgenas.common.Json;
import org.edgenas.metrics.Category;
import org.edgenas.metrics.CocoEvaluator;
import org.edgenas.metrics.CocoGroundTruth;
import org.edgenas.metrics.CocoJson;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.Detection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas eval}: COCO mAP (pycocotools semantics) of detections against a COCO ground truth.
 * Detections come from a results file today; {@link #detections} is where other sources (a model
 * run on a dataset) plug in.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "COCO bbox mAP (pycocotools COCOeval semantics) of detections against a ground truth.")
public final class EvalCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;

  @Spec CommandSpec spec;

  @Option(names = "--gt", required = true, paramLabel = "FILE", description = "COCO ground-truth instances JSON.")
  Path groundTruth;

  @Option(names = "--detections", required = true, paramLabel = "FILE",
      description = "COCO results JSON: a list of {image_id, category_id, bbox, score}.")
  Path detectionsFile;

  @Option(names = "--json", description = "Print the metrics as JSON instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    CocoGroundTruth gt = CocoJson.readGroundTruth(groundTruth);
    List<Detection> detections = detections(gt);
    PrintWriter out = spec.commandLine().getOut();
    warnAboutSurprises(gt, detections);
    CocoMetrics metrics = CocoEvaluator.evaluate(gt, detections);
    out.print(json ? Json.pretty(metrics) : metrics.table());
    out.flush();
    return Main.OK;
  }

  private List<Detection> detections(CocoGroundTruth gt) {
    return CocoJson.readDetections(detectionsFile, gt);
  }

  /** Warnings for inputs pycocotools accepts but scores surprisingly; the numbers stay pycocotools'. */
  private void warnAboutSurprises(CocoGroundTruth gt, List<Detection> detections) {
    PrintWriter err = spec.commandLine().getErr();
    Set<Integer> known = gt.categories().stream().map(Category::id).collect(Collectors.toSet());
    Set<Integer> unknown = new TreeSet<>();
    int count = 0;
    for (Detection d : detections) {
      if (!known.contains(d.categoryId())) {
        unknown.add(d.categoryId());
        count++;
      }
    }
    if (count > 0) {
      err.println("edgenas: warning: " + count + " detections have categories " + unknown
          + " that " + groundTruth + " does not list; they are left out, as pycocotools does");
    }
    if (gt.annotations().stream().anyMatch(a -> a.id() == 0)) {
      err.println("edgenas: warning: " + groundTruth + " has an annotation with id 0; pycocotools (and so"
          + " this evaluation) counts a detection matched to it as a false positive");
    }
    err.flush();
  }
}
