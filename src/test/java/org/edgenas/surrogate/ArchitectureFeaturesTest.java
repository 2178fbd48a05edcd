package org.edgenas.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.junit.jupiter.api.Test;

class ArchitectureFeaturesTest {
  @Test
  void samplesOfOneSpaceGiveVectorsOfOneLayoutAndTheGpLearnsFromThem() {
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"));
    SplittableRandom random = new SplittableRandom(5);
    int n = 30;
    double[][] x = new double[n][];
    double[] y = new double[n];
    List<String> names = null;
    for (int i = 0; i < n; i++) {
      Architecture arch = tiny.freeze(tiny.samplePicks(random));
      CostReport cost = CostModel.of(arch, 64);
      x[i] = ArchitectureFeatures.of(arch, cost);
      List<String> these = ArchitectureFeatures.names(arch, cost);
      if (names == null) names = these;
      assertEquals(names, these, "one layout for every architecture of the space");
      assertEquals(Math.log10(cost.params()), x[i][0], 1e-12);
      y[i] = Math.log10(cost.gflops()) + 0.5; // a target the features explain
    }
    assertTrue(names.contains("s2.block=GhostV3") && names.contains("s3.repeats") && names.contains("body.bits"), names.toString());
    GaussianProcess gp = GaussianProcess.fit(java.util.Arrays.copyOf(x, 25), java.util.Arrays.copyOf(y, 25),
        new GaussianProcess.Options(Kernel.MATERN52, false, 300));
    for (int i = 25; i < n; i++) assertEquals(y[i], gp.predict(x[i]).mean(), 0.02, "held-out architecture " + i);
  }
}
