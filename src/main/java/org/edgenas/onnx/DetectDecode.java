package org.edgenas.onnx;

import static org.edgenas.onnx.OnnxGraph.integer;
import static org.edgenas.onnx.OnnxGraph.ints;

import java.util.ArrayList;
import java.util.List;
import org.edgenas.arch.Op;
import org.edgenas.arch.Shape;

/**
 * The Detect decode in float32, as Ultralytics exports it: per level box [1, 4·16, H, W] →
 * [1, 4, 16, HW] and class [1, nc, H, W] → [1, nc, HW], concatenated over levels; DFL = Transpose
 * to [1, 16, 4, A], Softmax over the bins, a 1×1 Conv with the fixed weights 0..15 → distances
 * (l, t, r, b); with anchors (cell centres) and strides as constant initializers, boxes are
 * centre-x, centre-y, width, height in input pixels; then sigmoid class scores. Output [1, 4+nc, A].
 */
final class DetectDecode {
  private DetectDecode() {}

  static String emit(GraphEmitter e, Op.Detect d, String out) {
    OnnxGraph g = e.graph;
    int levels = d.inputs().size() / 2;
    int bins = d.regMax();
    List<String> boxes = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    int anchors = 0;
    for (int i = 0; i < levels; i++) {
      Shape s = e.net.shape(d.inputs().get(2 * i));
      int hw = s.h() * s.w();
      anchors += hw;
      boxes.add(g.node("Reshape", out + "/box" + i, List.of(e.in(d.inputs().get(2 * i), false), g.int64Const(1, 4, bins, hw))));
      classes.add(g.node("Reshape", out + "/cls" + i, List.of(e.in(d.inputs().get(2 * i + 1), false), g.int64Const(1, d.nc(), hw))));
    }
    String box = g.node("Concat", out + "/box", boxes, integer("axis", 3));
    String cls = g.node("Concat", out + "/cls", classes, integer("axis", 2));
    String binsFirst = g.node("Transpose", out + "/dfl/bins", List.of(box), ints("perm", 0, 2, 1, 3));
    String softmax = g.node("Softmax", out + "/dfl/softmax", List.of(binsFirst), integer("axis", 1));
    String dflWeight = g.floats(d.name() + ".dfl.weight", e.weights.get(d.name() + ".dfl.weight"), false, 1, bins, 1, 1);
    String expectation = g.node("Conv", out + "/dfl/conv", List.of(softmax, dflWeight), ints("kernel_shape", 1, 1));
    String dist = g.node("Reshape", out + "/dfl", List.of(expectation, g.int64Const(1, 4, anchors)));
    String lt = g.node("Slice", out + "/lt", List.of(dist, g.int64Const(0), g.int64Const(2), g.int64Const(1)));
    String rb = g.node("Slice", out + "/rb", List.of(dist, g.int64Const(2), g.int64Const(4), g.int64Const(1)));
    String anchorPoints = g.floats(out + "/anchors", anchorPoints(e, d, anchors), false, 1, 2, anchors);
    String strideTensor = g.floats(out + "/strides", strides(e, d, anchors), false, 1, 1, anchors);
    String x1y1 = g.node("Sub", out + "/x1y1", List.of(anchorPoints, lt));
    String x2y2 = g.node("Add", out + "/x2y2", List.of(anchorPoints, rb));
    String sum = g.node("Add", out + "/xy_sum", List.of(x1y1, x2y2));
    String centre = g.node("Div", out + "/cxcy", List.of(sum, g.scalar(2f, false)));
    String size = g.node("Sub", out + "/wh", List.of(x2y2, x1y1));
    String grid = g.node("Concat", out + "/xywh_grid", List.of(centre, size), integer("axis", 1));
    String pixels = g.node("Mul", out + "/xywh", List.of(grid, strideTensor));
    String scores = g.node("Sigmoid", out + "/scores", List.of(cls));
    return g.node("Concat", out, List.of(pixels, scores), integer("axis", 1));
  }

  /** [2, A]: x then y of every cell centre (x+0.5, y+0.5), levels in order, row-major within a level. */
  static float[] anchorPoints(GraphEmitter e, Op.Detect d, int anchors) {
    float[] points = new float[2 * anchors];
    int a = 0;
    for (int i = 0; i < d.inputs().size() / 2; i++) {
      Shape s = e.net.shape(d.inputs().get(2 * i));
      for (int y = 0; y < s.h(); y++) {
        for (int x = 0; x < s.w(); x++, a++) {
          points[a] = x + 0.5f;
          points[anchors + a] = y + 0.5f;
        }
      }
    }
    return points;
  }

  static float[] strides(GraphEmitter e, Op.Detect d, int anchors) {
    float[] out = new float[anchors];
    int a = 0;
    for (int i = 0; i < d.inputs().size() / 2; i++) {
      Shape s = e.net.shape(d.inputs().get(2 * i));
      for (int j = 0; j < s.h() * s.w(); j++) out[a++] = d.strides().get(i);
    }
    return out;
  }
}
