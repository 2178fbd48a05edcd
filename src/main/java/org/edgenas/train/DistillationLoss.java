package org.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * The distillation term between a student's and a teacher's raw Detect maps (box logits
 * [B, 4·regMax, H, W] then class logits [B, nc, H, W] per level), level by level:
 * <ul>
 *   <li>class scores: binary KL divergence between the teacher's and the student's
 *       temperature-scaled sigmoid scores, summed over classes, averaged over anchors;</li>
 *   <li>box distributions: KL divergence between the teacher's and the student's
 *       temperature-scaled softmax over the regMax bins of each side, summed over bins, averaged
 *       over sides and anchors.</li>
 * </ul>
 * Each is multiplied by T² (Hinton's gradient-scale correction) and averaged over levels. Both are
 * zero exactly when the student's maps equal the teacher's, positive otherwise.
 */
public final class DistillationLoss {
  /** The two terms as scalar arrays (the student's gradient flows through them). */
  public record Parts(NDArray cls, NDArray box) {
    public NDArray total() {
      return cls.add(box);
    }
  }

  private DistillationLoss() {}

  /**
   * @param student the student's training-mode maps
   * @param teacher the teacher's maps (detached here)
   */
  public static Parts compute(NDList student, NDList teacher, int regMax, double temperature) {
    if (student.size() != teacher.size() || student.size() % 2 != 0) {
      throw new IllegalArgumentException("student gives " + student.size() + " maps, teacher " + teacher.size() + ": need equal pairs");
    }
    float inv = (float) (1 / temperature), t2 = (float) (temperature * temperature);
    int levels = student.size() / 2;
    NDArray cls = null, box = null;
    for (int l = 0; l < levels; l++) {
      NDArray sBox = student.get(2 * l), tBox = teacher.get(2 * l).stopGradient();
      NDArray invT = TorchArrays.scalar(sBox, inv);
      NDArray sCls = student.get(2 * l + 1).mul(invT), tCls = teacher.get(2 * l + 1).stopGradient().mul(invT);
      if (!sBox.getShape().equals(tBox.getShape()) || !sCls.getShape().equals(tCls.getShape())) {
        throw new IllegalArgumentException("level " + l + ": student maps " + sBox.getShape() + ", " + sCls.getShape()
            + " differ from the teacher's " + tBox.getShape() + ", " + tCls.getShape());
      }
      long b = sBox.getShape().get(0), cells = sBox.getShape().get(2) * sBox.getShape().get(3);
      NDArray p = Activation.sigmoid(tCls);
      NDArray clsKl = softPlus(sCls).sub(sCls.mul(p)).sub(softPlus(tCls).sub(tCls.mul(p)))
          .sum().div(TorchArrays.scalar(sBox, b * cells));
      NDArray logS = sBox.reshape(b, 4, regMax, cells).mul(invT).logSoftmax(2);
      NDArray logT = tBox.reshape(b, 4, regMax, cells).mul(invT).logSoftmax(2);
      NDArray boxKl = logT.exp().mul(logT.sub(logS)).sum().div(TorchArrays.scalar(sBox, b * 4 * cells));
      cls = cls == null ? clsKl : cls.add(clsKl);
      box = box == null ? boxKl : box.add(boxKl);
    }
    NDArray scale = TorchArrays.scalar(cls, t2 / levels);
    return new Parts(cls.mul(scale), box.mul(scale));
  }

  /** log(1 + e^x) without overflow for large logits: max(x, 0) + log(1 + e^-|x|). */
  static NDArray softPlus(NDArray x) {
    return x.maximum(TorchArrays.scalar(x, 0)).add(x.abs().neg().exp().add(TorchArrays.scalar(x, 1)).log());
  }
}
