package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * The Detect head on NDArrays: flattening the per-level maps, the DFL expectation and the
 * decode to the ONNX export layout [B, 4+nc, anchors] (cx, cy, w, h in pixels, sigmoid scores).
 */
final class DetectDecode {
  private DetectDecode() {}

  /** The raw maps split and flattened over levels: box logits [B, 4·regMax, A], class logits [B, nc, A]. */
  record Logits(NDArray box, NDArray cls) {}

  /** The raw Detect maps (box, class alternating per level, {@code levels} levels) as {@link Logits}. */
  static Logits split(NDList raw, int levels) {
    if (raw.size() != 2 * levels) throw new IllegalArgumentException("expected " + 2 * levels + " Detect maps, got " + raw.size());
    List<NDArray> boxes = new ArrayList<>(), classes = new ArrayList<>();
    for (int l = 0; l < levels; l++) {
      boxes.add(raw.get(2 * l));
      classes.add(raw.get(2 * l + 1));
    }
    return new Logits(flatten(boxes), flatten(classes));
  }

  /** Per-level maps [B, C, H, W] flattened and joined along anchors: [B, C, anchors]. */
  static NDArray flatten(List<NDArray> maps) {
    List<NDArray> flat = new ArrayList<>();
    for (NDArray m : maps) {
      var s = m.getShape();
      flat.add(m.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)));
    }
    return flat.size() == 1 ? flat.getFirst() : NDArrays.concat(new NDList(flat), 2);
  }

  /** DFL: softmax over regMax bins per side, expectation with the bin weights → [B, 4, A]. */
  static NDArray distances(NDArray boxLogits, NDArray binWeights, int regMax) {
    var s = boxLogits.getShape();
    NDArray probs = boxLogits.reshape(s.get(0), 4, regMax, s.get(2)).softmax(2);
    return probs.mul(binWeights.reshape(1, 1, regMax, 1)).sum(new int[] {2});
  }

  /** Corner boxes [B, 4, A] (x1, y1, x2, y2) from distances and anchor centres [1, 2, A]. */
  static NDArray corners(NDArray ltrb, NDArray centres) {
    NDList parts = ltrb.split(2, 1);
    return NDArrays.concat(new NDList(centres.sub(parts.get(0)), centres.add(parts.get(1))), 1);
  }

  /** The inference output [B, 4+nc, A] from the raw maps (box, class alternating per level). */
  static NDArray decode(NDList raw, NDArray binWeights, DetectGeometry g) {
    Logits logits = split(raw, g.levels());
    NDArray box = logits.box();
    NDManager m = box.getManager();
    int a = g.anchors();
    NDArray centres = TorchArrays.copyOf(m, concatRows(g.gridCentres()), new ai.djl.ndarray.types.Shape(1, 2, a));
    NDArray strides = TorchArrays.copyOf(m, g.anchorStrides(), new ai.djl.ndarray.types.Shape(1, 1, a));
    NDList xy = corners(distances(box, binWeights, g.regMax()), centres).split(2, 1);
    NDArray centre = xy.get(0).add(xy.get(1)).div(TorchArrays.scalar(box, 2));
    NDArray size = xy.get(1).sub(xy.get(0));
    NDArray xywh = NDArrays.concat(new NDList(centre, size), 1).mul(strides);
    return NDArrays.concat(new NDList(xywh, Activation.sigmoid(logits.cls())), 1);
  }

  static float[] concatRows(float[][] rows) {
    int n = 0;
    for (float[] r : rows) n += r.length;
    float[] out = new float[n];
    int at = 0;
    for (float[] r : rows) {
      System.arraycopy(r, 0, out, at, r.length);
      at += r.length;
    }
    return out;
  }
}
