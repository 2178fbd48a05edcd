package org.edgenas.onnx;

import static org.edgenas.onnx.OnnxGraph.integer;
import static org.edgenas.onnx.OnnxGraph.ints;

import java.util.List;

/**
 * The optional NonMaxSuppression end. From the decoded predictions [1, 4+nc, A] it runs the
 * standard ONNX NonMaxSuppression per class (centre-point boxes, the options' IoU and score
 * thresholds and boxes per class) and writes {@code output0} as float [N, 6]: one row per kept
 * box, x1, y1, x2, y2 in input pixels, score, class index — the layout of Ultralytics' NMS export
 * without the batch axis. N varies (dimension {@code detections}); 0 rows when nothing passes.
 */
final class NmsEnd {
  private NmsEnd() {}

  static void append(OnnxGraph g, String predictions, int nc, ExportOptions o) {
    String p = "nms";
    String xywh = g.node("Slice", p + "/xywh", List.of(predictions, g.int64Const(0), g.int64Const(4), g.int64Const(1)));
    String scores = g.node("Slice", p + "/scores", List.of(predictions, g.int64Const(4), g.int64Const(4 + nc), g.int64Const(1)));
    String boxes = g.node("Transpose", p + "/boxes", List.of(xywh), ints("perm", 0, 2, 1));
    String selected = g.node("NonMaxSuppression", p + "/selected", List.of(boxes, scores,
        g.int64Scalar(o.nmsMaxPerClass()), g.scalar(o.nmsIou(), false), g.scalar(o.nmsScore(), false)),
        integer("center_point_box", 1));
    String boxIndex = g.node("Slice", p + "/box_index", List.of(selected, g.int64Const(2), g.int64Const(3), g.int64Const(1)));
    String classIndex = g.node("Slice", p + "/class_index", List.of(selected, g.int64Const(1), g.int64Const(2), g.int64Const(1)));
    String flatIndex = g.node("Squeeze", p + "/box_index_flat", List.of(boxIndex, g.int64Const(1)));
    String allBoxes = g.node("Squeeze", p + "/boxes_flat", List.of(boxes, g.int64Const(0)));
    String kept = g.node("Gather", p + "/kept", List.of(allBoxes, flatIndex), integer("axis", 0));
    String centre = g.node("Slice", p + "/kept_cxcy", List.of(kept, g.int64Const(0), g.int64Const(2), g.int64Const(1)));
    String size = g.node("Slice", p + "/kept_wh", List.of(kept, g.int64Const(2), g.int64Const(4), g.int64Const(1)));
    String half = g.node("Div", p + "/kept_half_wh", List.of(size, g.scalar(2f, false)));
    String topLeft = g.node("Sub", p + "/x1y1", List.of(centre, half));
    String bottomRight = g.node("Add", p + "/x2y2", List.of(centre, half));
    String score = g.node("GatherND", p + "/score", List.of(scores, selected));
    String scoreColumn = g.node("Unsqueeze", p + "/score_col", List.of(score, g.int64Const(1)));
    String classColumn = g.node("Cast", p + "/class_col", List.of(classIndex), integer("to", 1));
    g.node("Concat", OnnxExporter.OUTPUT, List.of(topLeft, bottomRight, scoreColumn, classColumn), integer("axis", 1));
  }
}
