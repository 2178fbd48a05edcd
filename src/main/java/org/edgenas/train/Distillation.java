package org.edgenas.train;

import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;

/**
 * Knowledge distillation for a proxy training: a trained teacher with the student's Detect
 * geometry (same strides, anchors and classes at the same image size) runs in inference mode on
 * every batch, and {@code weight} × {@link DistillationLoss} is added to the detection loss.
 *
 * @param teacher the teacher's network, lowered at the student's image size
 * @param teacherWeights its trained weights
 * @param weight gain of the distillation term (per image, as the detection loss's gains)
 * @param temperature softening of the teacher's class scores and box distributions (≥ 1 is usual)
 * @param label who the teacher is, for method strings (e.g. {@code yolo11n 1a2b…})
 */
public record Distillation(Network teacher, Weights teacherWeights, double weight, double temperature, String label) {
  public Distillation {
    if (teacher == null || teacherWeights == null) throw new IllegalArgumentException("a distillation needs a teacher network and its weights");
    if (!(weight > 0 && weight <= 100)) throw new IllegalArgumentException("distillation weight must be in (0, 100], was " + weight);
    if (!(temperature > 0 && temperature <= 100)) {
      throw new IllegalArgumentException("distillation temperature must be in (0, 100], was " + temperature);
    }
    if (label == null || label.isBlank()) throw new IllegalArgumentException("a distillation needs a teacher label");
  }

  /** Fails unless the teacher's Detect head produces maps of the student's shapes. */
  public void checkCompatible(Network student) {
    DetectGeometry s = DetectGeometry.of(student), t = DetectGeometry.of(teacher);
    boolean same = s.nc() == t.nc() && s.regMax() == t.regMax() && s.detect().strides().equals(t.detect().strides())
        && java.util.Arrays.equals(s.heights(), t.heights()) && java.util.Arrays.equals(s.widths(), t.widths());
    if (!same) {
      throw new IllegalArgumentException("teacher " + label + " has Detect nc " + t.nc() + ", strides " + t.detect().strides()
          + ", grids " + java.util.Arrays.toString(t.heights()) + " but the student has nc " + s.nc() + ", strides "
          + s.detect().strides() + ", grids " + java.util.Arrays.toString(s.heights()) + ": they must match");
    }
  }
}
