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
    description = "Score a model or another tool's detections with COCO bbox mAP (pycocotools COCOeval semantics).")
public final class EvalCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;

  @Spec CommandSpec spec;

  @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "MODEL.onnx",
      description = "A model in the Ultralytics export layout, run in ONNX Runtime over --data's val split.")
  Path model;

  @Option(names = "--data", paramLabel = "data.yaml", description = "A YOLO-format dataset (with MODEL).")
  Path data;

  @Option(names = "--conf", defaultValue = "0.001", description = "Confidence threshold (default ${DEFAULT-VALUE}).")
  double conf;

  @Option(names = "--iou", defaultValue = "0.7", description = "NMS IoU threshold (default ${DEFAULT-VALUE}).")
  double iou;

  @Option(names = "--max-det", defaultValue = "300", description = "Detections kept per image (default ${DEFAULT-VALUE}).")
  int maxDet;

  @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime intra-op threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--save-json", paramLabel = "FILE", description = "With MODEL: also write the detections as a COCO results JSON.")
  Path saveJson;

  @Option(names = "--gt", paramLabel = "FILE", description = "COCO ground-truth instances JSON.")
  Path groundTruth;

  @Option(names = "--detections", paramLabel = "FILE",
      description = "COCO results JSON: a list of {image_id, category_id, bbox, score}.")
  Path detectionsFile;

  @Option(names = "--json", description = "Print the metrics as JSON instead of the table.")
  boolean json;

  @Override
  public Integer call() {
    if (model != null) return evaluateModel();
    if (groundTruth == null || detectionsFile == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give MODEL.onnx --data data.yaml, or --gt instances.json --detections results.json");
    }
    CocoGroundTruth gt = CocoJson.readGroundTruth(groundTruth);
    List<Detection> detections = detections(gt);
    PrintWriter out = spec.commandLine().getOut();
    warnAboutSurprises(gt, detections);
    CocoMetrics metrics = CocoEvaluator.evaluate(gt, detections);
    out.print(json ? Json.pretty(metrics) : metrics.table());
    out.flush();
    return Main.OK;
  }

  private int evaluateModel() {
    if (data == null) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "MODEL.onnx needs --data data.yaml");
    var dataset = org.edgenas.data.YoloDataset.load(data, org.edgenas.data.BadEntryPolicy.SKIP);
    var nms = org.edgenas.metrics.NmsSettings.ULTRALYTICS_VAL.withConfidence(conf).withIou(iou).withMaxDetections(maxDet);
    var result = new org.edgenas.eval.OnnxValidator(nms, threads).evaluate(model, dataset.val(), dataset.names());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.print(Json.pretty(result.metrics()));
    } else {
      out.printf("%s on %s (val: %d images, imgsz %d, conf %.3g, iou %.2f; ONNX Runtime %s, %.1f s)%n", model, data,
          dataset.val().size(), result.imgsz(), conf, iou, org.edgenas.latency.OrtRuntime.version(), result.seconds());
      out.print(result.metrics().table());
    }
    if (saveJson != null) CocoJson.writeDetections(saveJson, result.detections());
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
