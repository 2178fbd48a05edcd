package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * BigNAS-style in-place distillation of a supernet path (the student) from the largest path (the
 * teacher) on the same batch, on their raw Detect maps (box, class per level; split as {@link
 * DetectionLoss} does):
 * <ul>
 *   <li>classes: BCE of the student's class logits against the teacher's sigmoid scores, summed over
 *       anchors × classes, divided by max(1, sum of the teacher's scores) (as {@link DetectionLoss}
 *       divides by its target-score sum), times {@link DetectionLoss#CLS_GAIN};</li>
 *   <li>box distributions: per anchor and side, cross-entropy of the student's DFL bin log-softmax
 *       against the teacher's bin softmax, averaged over the 4 sides, weighted per anchor by the
 *       teacher's largest class score and divided by the sum of those weights, times
 *       {@link DetectionLoss#DFL_GAIN}.</li>
 * </ul>
 * The teacher's maps carry no gradient. The student's gradient is zero when its maps equal the
 * teacher's (the loss itself is then the teacher's entropy, not zero).
 */
public final class InPlaceDistillationLoss {
  /**
   * @param total the sum of the two terms times the batch size (as {@link DetectionLoss.Parts#total}), to back-propagate
   * @param cls the gained class term per image
   * @param dfl the gained box-distribution term per image
   */
  public record Parts(NDArray total, float cls, float dfl) {
    public float sum() {
      return cls + dfl;
    }
  }

  private InPlaceDistillationLoss() {}

  /**
   * @param student the student's training-mode maps
   * @param teacher the teacher's maps of the same shapes (detached here)
   * @param geometry the Detect head's levels and reg_max
   */
  public static Parts compute(NDList student, NDList teacher, DetectGeometry geometry) {
    for (int i = 0; i < Math.max(student.size(), teacher.size()); i++) {
      if (i >= student.size() || i >= teacher.size() || !student.get(i).getShape().equals(teacher.get(i).getShape())) {
        throw new IllegalArgumentException("student maps " + student.getShapes() + " differ from the teacher's " + teacher.getShapes());
      }
    }
    DetectDecode.Logits s = DetectDecode.split(student, geometry.levels());
    DetectDecode.Logits t = DetectDecode.split(teacher, geometry.levels());
    NDArray tBox = t.box().stopGradient(), tCls = t.cls().stopGradient();
    long b = s.box().getShape().get(0), a = s.box().getShape().get(2);
    int reg = geometry.regMax();
    NDArray scores = Activation.sigmoid(tCls);
    NDArray scoreSum = TorchArrays.scalar(tCls, Math.max(1, scores.sum().getFloat()));
    NDArray cls = Activation.softPlus(s.cls()).sub(s.cls().mul(scores)).sum().div(scoreSum);

    NDArray logS = s.box().reshape(b, 4, reg, a).logSoftmax(2);
    NDArray binProbs = tBox.reshape(b, 4, reg, a).softmax(2);
    NDArray weight = scores.max(new int[] {1}, true);
    NDArray weightSum = TorchArrays.scalar(tCls, 4 * Math.max(weight.sum().getFloat(), Float.MIN_NORMAL));
    NDArray dfl = binProbs.mul(logS).sum(new int[] {2}).mul(weight).sum().neg().div(weightSum);

    NDArray clsG = cls.mul(TorchArrays.scalar(cls, DetectionLoss.CLS_GAIN)), dflG = dfl.mul(TorchArrays.scalar(dfl, DetectionLoss.DFL_GAIN));
    NDArray total = clsG.add(dflG).mul(TorchArrays.scalar(clsG, b));
    return new Parts(total, clsG.getFloat(), dflG.getFloat());
  }
}
