package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * The YOLOv8/11 detection loss on the raw Detect maps: {@link TaskAlignedAssigner} on the host,
 * then BCE classification against the soft IoU-aware target scores, CIoU box loss and DFL loss
 * (cross-entropy on the two bins around each target distance, reg_max 16), both weighted by the
 * target scores; each divided by the sum of target scores, times the gains box 7.5, cls 0.5,
 * dfl 1.5, and the sum times the batch size (as Ultralytics) for the backward pass.
 */
public final class DetectionLoss {
  public static final double BOX_GAIN = 7.5;
  public static final double CLS_GAIN = 0.5;
  public static final double DFL_GAIN = 1.5;

  private final DetectGeometry geometry;
  private final float[] gridCentres;
  private final float[] strides;
  private final float[] anchorX;
  private final float[] anchorY;

  /** The gained components (per image, as Ultralytics displays them) and the total to back-propagate. */
  public record Parts(NDArray total, float box, float cls, float dfl) {
    public float sum() {
      return box + cls + dfl;
    }
  }

  public DetectionLoss(DetectGeometry geometry) {
    this.geometry = geometry;
    float[][] c = geometry.gridCentres();
    this.gridCentres = DetectDecode.concatRows(c);
    this.strides = geometry.anchorStrides();
    this.anchorX = new float[strides.length];
    this.anchorY = new float[strides.length];
    for (int i = 0; i < strides.length; i++) {
      anchorX[i] = c[0][i] * strides[i];
      anchorY[i] = c[1][i] * strides[i];
    }
  }

  /**
   * @param raw the training-mode Detect maps (box, class per level)
   * @param binWeights the DFL bin weights 0..regMax-1
   * @param targets per image, boxes {x1, y1, x2, y2, class} in input pixels
   */
  public Parts compute(NDList raw, NDArray binWeights, List<List<float[]>> targets) {
    DetectDecode.Logits logits = DetectDecode.split(raw, geometry.levels());
    NDArray boxLogits = logits.box();
    NDArray clsLogits = logits.cls();
    NDManager m = boxLogits.getManager();
    int b = (int) boxLogits.getShape().get(0), a = geometry.anchors(), nc = geometry.nc(), reg = geometry.regMax();
    if (targets.size() != b) throw new IllegalArgumentException("targets for " + targets.size() + " images, batch is " + b);
    NDArray centres = TorchArrays.copyOf(m, gridCentres, new Shape(1, 2, a));
    NDArray predBox = DetectDecode.corners(DetectDecode.distances(boxLogits, binWeights, reg), centres);

    Targets t = assign(predBox.stopGradient().toFloatArray(), Activation.sigmoid(clsLogits.stopGradient()).toFloatArray(),
        targets, b, a, nc, reg);
    NDArray scoreSum = TorchArrays.scalar(boxLogits, t.scoreSum);
    NDArray targetScores = TorchArrays.copyOf(m, t.scores, new Shape(b, nc, a));
    NDArray cls = Activation.softPlus(clsLogits).sub(clsLogits.mul(targetScores)).sum().div(scoreSum);
    NDArray weight = TorchArrays.copyOf(m, t.weight, new Shape(b, 1, a));
    NDArray iou = ciou(predBox, TorchArrays.copyOf(m, t.boxes, new Shape(b, 4, a)));
    NDArray box = iou.neg().add(TorchArrays.scalar(iou, 1)).mul(weight).sum().div(scoreSum);
    NDArray logProbs = boxLogits.reshape(b, 4, reg, a).logSoftmax(2);
    NDArray dfl = TorchArrays.copyOf(m, t.dfl, new Shape(b, 4, reg, a)).mul(logProbs).sum().neg().div(scoreSum);
    NDArray boxG = box.mul(TorchArrays.scalar(box, BOX_GAIN)), clsG = cls.mul(TorchArrays.scalar(cls, CLS_GAIN)),
        dflG = dfl.mul(TorchArrays.scalar(dfl, DFL_GAIN));
    NDArray total = boxG.add(clsG).add(dflG).mul(TorchArrays.scalar(boxG, b));
    return new Parts(total, boxG.getFloat(), clsG.getFloat(), dflG.getFloat());
  }

  private record Targets(float[] scores, float[] boxes, float[] weight, float[] dfl, float scoreSum) {}

  /** Runs the assigner per image and lays out the dense targets (zeros on background anchors). */
  private Targets assign(float[] predGrid, float[] sigmoid, List<List<float[]>> targets, int b, int a, int nc, int reg) {
    float[] predPx = new float[predGrid.length];
    for (int i = 0; i < predGrid.length; i++) predPx[i] = predGrid[i] * strides[i % a];
    float[] scores = new float[b * nc * a], boxes = new float[b * 4 * a], weight = new float[b * a], dfl = new float[b * 4 * reg * a];
    double scoreSum = 0;
    float maxDist = reg - 1 - 0.01f;
    for (int img = 0; img < b; img++) {
      List<float[]> gts = targets.get(img);
      var as = TaskAlignedAssigner.assign(sigmoid, img * nc * a, predPx, img * 4 * a, anchorX, anchorY, gts);
      for (int i = 0; i < a; i++) {
        if (!as.fg()[i]) continue;
        float[] g = gts.get(as.gt()[i]);
        float s = as.score()[i];
        scores[(img * nc + (int) g[4]) * a + i] = s;
        weight[img * a + i] = s;
        scoreSum += s;
        float stride = strides[i];
        float[] side = {gridCentres[i] - g[0] / stride, gridCentres[a + i] - g[1] / stride,
            g[2] / stride - gridCentres[i], g[3] / stride - gridCentres[a + i]};
        for (int k = 0; k < 4; k++) {
          boxes[(img * 4 + k) * a + i] = g[k] / stride;
          float d = Math.clamp(side[k], 0f, maxDist);
          int lo = (int) d;
          dfl[((img * 4 + k) * reg + lo) * a + i] += (lo + 1 - d) * s / 4;
          dfl[((img * 4 + k) * reg + lo + 1) * a + i] += (d - lo) * s / 4;
        }
      }
    }
    return new Targets(scores, boxes, weight, dfl, (float) Math.max(scoreSum, 1));
  }

  /** CIoU of corner boxes [B, 4, A] → [B, 1, A]; the aspect term's α without gradient. */
  static NDArray ciou(NDArray p, NDArray t) {
    NDList pp = p.split(4, 1), tt = t.split(4, 1);
    NDArray px1 = pp.get(0), py1 = pp.get(1), px2 = pp.get(2), py2 = pp.get(3);
    NDArray tx1 = tt.get(0), ty1 = tt.get(1), tx2 = tt.get(2), ty2 = tt.get(3);
    NDArray eps = TorchArrays.scalar(p, BoxIou.EPS), zero = TorchArrays.scalar(p, 0);
    NDArray w1 = px2.sub(px1), h1 = py2.sub(py1).add(eps), w2 = tx2.sub(tx1), h2 = ty2.sub(ty1).add(eps);
    NDArray inter = px2.minimum(tx2).sub(px1.maximum(tx1)).maximum(zero).mul(py2.minimum(ty2).sub(py1.maximum(ty1)).maximum(zero));
    NDArray union = w1.mul(h1).add(w2.mul(h2)).sub(inter).add(eps);
    NDArray iou = inter.div(union);
    NDArray cw = px2.maximum(tx2).sub(px1.minimum(tx1)), ch = py2.maximum(ty2).sub(py1.minimum(ty1));
    NDArray c2 = cw.square().add(ch.square()).add(eps);
    NDArray rho2 = tx1.add(tx2).sub(px1).sub(px2).square().add(ty1.add(ty2).sub(py1).sub(py2).square()).div(TorchArrays.scalar(p, 4));
    NDArray v = w2.div(h2).atan().sub(w1.div(h1).atan()).square().mul(TorchArrays.scalar(p, 4 / (Math.PI * Math.PI)));
    NDArray alpha = v.div(v.sub(iou).add(TorchArrays.scalar(p, 1 + BoxIou.EPS))).stopGradient();
    return iou.sub(rho2.div(c2).add(v.mul(alpha)));
  }
}
