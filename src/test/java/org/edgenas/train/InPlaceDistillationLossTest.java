package org.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Op;
import org.junit.jupiter.api.Test;

/**
 * The in-place distillation loss on small raw maps (2 levels, 3 classes, reg_max 16): its gradient
 * with respect to the student's maps vanishes when they equal the teacher's and does not otherwise.
 */
class InPlaceDistillationLossTest {
  static final int B = 2, NC = 3, REG = 16;
  static final DetectGeometry GEOMETRY = new DetectGeometry(new Op.Detect(0, "det", List.of(0, 1, 2, 3), 4, NC, REG, List.of(8, 16)),
      new int[] {4, 2}, new int[] {4, 2});

  /** Raw maps (box, class per level) of random logits from {@code seed}. */
  static NDList maps(NDManager m, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NDList out = new NDList();
    for (int l = 0; l < GEOMETRY.levels(); l++) {
      for (int c : new int[] {4 * REG, NC}) {
        Shape shape = new Shape(B, c, GEOMETRY.heights()[l], GEOMETRY.widths()[l]);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() * 6 - 3);
        out.add(TorchArrays.copyOf(m, v, shape));
      }
    }
    return out;
  }

  /** The largest absolute gradient of the loss over the student's maps, and the loss's two terms. */
  static float[] gradient(NDManager m, NDList student, NDList teacher) {
    for (NDArray a : student) a.setRequiresGradient(true);
    InPlaceDistillationLoss.Parts parts;
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      parts = InPlaceDistillationLoss.compute(student, teacher, GEOMETRY);
      collector.backward(parts.total());
    }
    float max = 0;
    for (NDArray a : student) {
      for (float g : a.getGradient().toFloatArray()) max = Math.max(max, Math.abs(g));
    }
    return new float[] {max, parts.cls(), parts.dfl()};
  }

  @Test
  void theGradientVanishesExactlyWhenTheStudentMatchesTheTeacher() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      float[] same = gradient(m, maps(m, 1), maps(m, 1));
      float[] other = gradient(m, maps(m, 2), maps(m, 1));
      System.out.printf("in-place distillation: max |grad| %.2e equal, %.2e different (cls %.4f, dfl %.4f)%n", same[0], other[0],
          other[1], other[2]);
      assertEquals(0, same[0], 1e-6, "gradient with equal maps");
      assertTrue(other[0] > 1e-3, "gradient with different maps: " + other[0]);
      assertTrue(same[1] > 0 && same[2] > 0, "the loss at a match is the teacher's entropy, positive");
      assertTrue(other[1] > same[1] && other[2] > same[2], "a different student costs more in both terms");
    }
  }

  @Test
  void mapsOfAnotherShapeAreRefused() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDList student = maps(m, 1), teacher = maps(m, 1);
      student.set(1, m.zeros(new Shape(B, NC + 1, 4, 4)));
      var e = assertThrows(IllegalArgumentException.class, () -> InPlaceDistillationLoss.compute(student, teacher, GEOMETRY));
      assertTrue(e.getMessage().contains("differ from the teacher's"), e.getMessage());
    }
  }
}
