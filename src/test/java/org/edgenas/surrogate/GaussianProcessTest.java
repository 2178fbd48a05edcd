package org.edgenas.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
  @Test
  void interpolatesNoiseFreeDataAtTheTrainingPoints() {
    double[][] x = new double[8][];
    double[] y = new double[8];
    for (int i = 0; i < 8; i++) {
      x[i] = new double[] {i * 0.7};
      y[i] = Math.sin(x[i][0]) * 3 + 1;
    }
    for (Kernel kernel : Kernel.values()) {
      GaussianProcess gp = GaussianProcess.fit(x, y, new GaussianProcess.Options(kernel, false, 400));
      for (int i = 0; i < 8; i++) {
        Prediction p = gp.predict(x[i]);
        assertEquals(y[i], p.mean(), 1e-2, kernel + " at x=" + x[i][0]);
        assertTrue(p.stdev() < 0.05, kernel + " stdev at a training point " + p.stdev());
      }
      assertTrue(gp.noiseVariance() < 1e-3, kernel + " noise " + gp.noiseVariance());
    }
  }

  @Test
  void predictsASmooth1dFunctionBetweenTheSamples() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i / 11.0 * 2 * Math.PI};
      y[i] = Math.sin(x[i][0]);
    }
    GaussianProcess gp = GaussianProcess.fit(x, y);
    for (double t = 0.2; t < 6.2; t += 0.37) {
      assertEquals(Math.sin(t), gp.predict(new double[] {t}).mean(), 0.03, "sin at " + t);
    }
  }

  @Test
  void predictsASmooth2dFunctionWithArdAndIgnoresAnIrrelevantInput() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 40;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2)};
      y[i] = truth(x[i]);
    }
    GaussianProcess gp = GaussianProcess.fit(x, y, new GaussianProcess.Options(Kernel.RBF, true, 800));
    double worst = 0;
    for (int i = 0; i < 50; i++) {
      double[] t = {random.nextDouble(-1.5, 1.5), random.nextDouble(-1.5, 1.5), random.nextDouble(-1.5, 1.5)};
      worst = Math.max(worst, Math.abs(gp.predict(t).mean() - truth(t)));
    }
    assertTrue(worst < 0.15, "worst error inside the sampled box " + worst);
    double[] ell = gp.lengthScales();
    assertTrue(ell[2] > 3 * Math.max(ell[0], ell[1]), "the third input is irrelevant, its length-scale should be long: " + java.util.Arrays.toString(ell));
  }

  private static double truth(double[] v) {
    return Math.sin(v[0]) + 0.5 * v[1] * v[1];
  }

  @Test
  void uncertaintyGrowsAwayFromTheData() {
    double[][] x = {{0}, {0.5}, {1}, {1.5}, {2}};
    double[] y = {0, 0.4, 0.8, 1.0, 0.9};
    GaussianProcess gp = GaussianProcess.fit(x, y);
    double near = gp.predict(new double[] {1.25}).stdev();
    double mid = gp.predict(new double[] {3}).stdev();
    double far = gp.predict(new double[] {6}).stdev();
    assertTrue(near < mid && mid < far, "stdev near " + near + ", mid " + mid + ", far " + far);
    assertEquals(Math.sqrt(gp.signalVariance()), gp.predict(new double[] {100}).stdev(), 1e-6, "far away the prior stdev");
  }

  @Test
  void fitsWithAConstantColumnAndASinglePoint() {
    GaussianProcess one = GaussianProcess.fit(new double[][] {{1, 2}}, new double[] {5});
    assertEquals(5, one.predict(new double[] {1, 2}).mean(), 1e-9);
    GaussianProcess gp = GaussianProcess.fit(new double[][] {{0, 7}, {1, 7}, {2, 7}}, new double[] {0, 1, 2});
    assertEquals(1.5, gp.predict(new double[] {1.5, 7}).mean(), 0.1);
  }

  @Test
  void refusesMismatchedOrNonFiniteInput() {
    assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(new double[][] {{1}, {2}}, new double[] {1}));
    assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}));
    GaussianProcess gp = GaussianProcess.fit(new double[][] {{1}, {2}}, new double[] {1, 2});
    assertThrows(IllegalArgumentException.class, () -> gp.predict(new double[] {1, 2}));
  }

  @Test
  void expectedImprovementMatchesKnownValues() {
    // z = 0: EI = σ·φ(0) = σ / sqrt(2π)
    assertEquals(0.2 / Math.sqrt(2 * Math.PI), new Prediction(0.5, 0.2).expectedImprovement(0.5, 0), 1e-12);
    // μ − best = σ = 1: EI = Φ(1) + φ(1) = 0.841344746 + 0.241970725
    assertEquals(1.083315471, new Prediction(1, 1).expectedImprovement(0, 0), 1e-8);
    // μ − best = −σ: EI = −Φ(−1) + φ(1) = −0.158655254 + 0.241970725
    assertEquals(0.083315471, new Prediction(-1, 1).expectedImprovement(0, 0), 1e-8);
    // no uncertainty: the plain improvement, or 0
    assertEquals(0.3, new Prediction(0.8, 0).expectedImprovement(0.5, 0), 1e-12);
    assertEquals(0, new Prediction(0.4, 0).expectedImprovement(0.5, 0));
    // the margin xi shifts the best
    assertEquals(new Prediction(1, 1).expectedImprovement(0.25, 0), new Prediction(1, 1).expectedImprovement(0, 0.25), 1e-12);
  }
}
