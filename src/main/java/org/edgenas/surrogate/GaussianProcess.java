package org.edgenas.surrogate;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Gaussian-process regression, fitted once and immutable. Inputs are standardised per column and
 * targets standardised (centred and scaled); the kernel's length-scales (one per input with ARD,
 * else one), signal variance and noise variance are chosen by maximising the log marginal
 * likelihood with BOBYQA over their logarithms (two starts, the better kept). The posterior uses
 * a Cholesky factor of the kernel matrix. Inputs constant over the training rows are left out.
 */
public final class GaussianProcess {
  /**
   * How to fit.
   *
   * @param ard one length-scale per input (true) or a single shared one
   * @param maxEvaluations likelihood evaluations allowed per BOBYQA start
   */
  public record Options(Kernel kernel, boolean ard, int maxEvaluations) {
    public static final Options DEFAULT = new Options(Kernel.MATERN52, true, 600);

    public Options {
      if (kernel == null) throw new IllegalArgumentException("kernel is required");
      if (maxEvaluations < 50) throw new IllegalArgumentException("maxEvaluations must be >= 50, was " + maxEvaluations);
    }
  }

  private static final double LOG_2PI = Math.log(2 * Math.PI);
  // bounds in standardised units
  private static final double ELL_MIN = 0.03, ELL_MAX = 100, SIGNAL_MIN = 1e-3, SIGNAL_MAX = 1e2;
  private static final double NOISE_MIN = 1e-8, NOISE_MAX = 1;

  private final Kernel kernel;
  private final int[] active;
  private final double[] xMean, xScale;
  private final double yMean, yScale;
  private final double[][] xs;
  private final double[] ell;
  private final double signal, noise;
  private final double[][] chol;
  private final double[] alpha;
  private final double logLikelihood;

  private GaussianProcess(Kernel kernel, int[] active, double[] xMean, double[] xScale, double yMean, double yScale,
      double[][] xs, double[] theta, Factor factor) {
    this.kernel = kernel;
    this.active = active;
    this.xMean = xMean;
    this.xScale = xScale;
    this.yMean = yMean;
    this.yScale = yScale;
    this.xs = xs;
    this.ell = lengthScalesOf(theta);
    this.signal = Math.exp(theta[theta.length - 2]);
    this.noise = Math.exp(theta[theta.length - 1]);
    this.chol = factor.lower;
    this.alpha = factor.alpha;
    this.logLikelihood = factor.logLikelihood;
  }

  public static GaussianProcess fit(double[][] x, double[] y) {
    return fit(x, y, Options.DEFAULT);
  }

  /** Fits to {@code n} rows of {@code d} inputs and their targets; needs n ≥ 1, finite values. */
  public static GaussianProcess fit(double[][] x, double[] y, Options options) {
    int n = x.length;
    if (n == 0 || n != y.length) throw new IllegalArgumentException("need as many rows as targets (at least 1), got " + n + " rows and " + y.length + " targets");
    int d = x[0].length;
    for (int i = 0; i < n; i++) {
      if (x[i].length != d) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " inputs, row 0 has " + d);
      for (double v : x[i]) if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + i + " has a non-finite input " + v);
      if (!Double.isFinite(y[i])) throw new IllegalArgumentException("target " + i + " is not finite: " + y[i]);
    }
    double[] xMean = new double[d], xScale = new double[d];
    for (int j = 0; j < d; j++) {
      final int col = j;
      double[] column = Arrays.stream(x).mapToDouble(r -> r[col]).toArray();
      xMean[j] = mean(column);
      double s = stdev(column, xMean[j]);
      xScale[j] = s > 1e-12 ? s : 1;
    }
    double yMean = mean(y);
    double ys = stdev(y, yMean);
    double yScale = ys > 1e-12 ? ys : 1;
    int[] active = java.util.stream.IntStream.range(0, d).filter(j -> varies(x, j)).toArray();
    double[][] xs = new double[n][];
    double[] yt = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = standardise(x[i], active, xMean, xScale);
      yt[i] = (y[i] - yMean) / yScale;
    }
    int k = options.ard() ? Math.max(active.length, 1) : 1;
    double[] lo = new double[k + 2], hi = new double[k + 2];
    Arrays.fill(lo, 0, k, Math.log(ELL_MIN));
    Arrays.fill(hi, 0, k, Math.log(ELL_MAX));
    lo[k] = Math.log(SIGNAL_MIN);
    hi[k] = Math.log(SIGNAL_MAX);
    lo[k + 1] = Math.log(NOISE_MIN);
    hi[k + 1] = Math.log(NOISE_MAX);
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (double startEll : new double[] {1.0, 0.3}) {
      double[] start = new double[k + 2];
      Arrays.fill(start, 0, k, Math.log(startEll * Math.sqrt(Math.max(active.length, 1))));
      start[k] = 0;
      start[k + 1] = Math.log(1e-2);
      for (int i = 0; i < start.length; i++) start[i] = Math.min(Math.max(start[i], lo[i] + 1e-6), hi[i] - 1e-6);
      double[] theta = optimise(options, xs, yt, start, lo, hi);
      double value = logLikelihood(options.kernel(), xs, yt, theta);
      if (value > bestValue) {
        bestValue = value;
        best = theta;
      }
    }
    Factor factor = factor(options.kernel(), xs, yt, best);
    if (factor == null) throw new IllegalStateException("the kernel matrix is not positive definite at the fitted hyperparameters");
    return new GaussianProcess(options.kernel(), active, xMean, xScale, yMean, yScale, xs, best, factor);
  }

  private static double[] optimise(Options options, double[][] xs, double[] yt, double[] start, double[] lo, double[] hi) {
    int dim = start.length;
    try {
      PointValuePair result = new BOBYQAOptimizer(2 * dim + 1, 0.5, 1e-5).optimize(
          new MaxEval(options.maxEvaluations()),
          new ObjectiveFunction(theta -> {
            double v = logLikelihood(options.kernel(), xs, yt, theta);
            return Double.isFinite(v) ? v : -1e30;
          }),
          GoalType.MAXIMIZE, new InitialGuess(start), new SimpleBounds(lo, hi));
      return result.getPoint();
    } catch (MathIllegalStateException e) {
      return start; // evaluation budget exhausted without convergence: keep the start
    }
  }

  /** The Cholesky factor, α = K⁻¹y and the log marginal likelihood; null when K is not positive definite. */
  private record Factor(double[][] lower, double[] alpha, double logLikelihood) {}

  private static double logLikelihood(Kernel kernel, double[][] xs, double[] yt, double[] theta) {
    Factor f = factor(kernel, xs, yt, theta);
    return f == null ? Double.NEGATIVE_INFINITY : f.logLikelihood;
  }

  private static Factor factor(Kernel kernel, double[][] xs, double[] yt, double[] theta) {
    int n = xs.length;
    double[] ell = lengthScalesOf(theta);
    double signal = Math.exp(theta[theta.length - 2]);
    double noise = Math.exp(theta[theta.length - 1]);
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = kernel.covariance(xs[i], xs[j], ell, signal);
        k[i][j] = v;
        k[j][i] = v;
      }
      k[i][i] += noise + 1e-10 * signal;
    }
    double[][] lower;
    try {
      lower = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false)).getL().getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      return null;
    }
    double[] alpha = backSolve(lower, forwardSolve(lower, yt));
    double fit = 0, logDet = 0;
    for (int i = 0; i < n; i++) {
      fit += yt[i] * alpha[i];
      logDet += Math.log(lower[i][i]);
    }
    return new Factor(lower, alpha, -0.5 * fit - logDet - 0.5 * n * LOG_2PI);
  }

  /** Posterior mean and standard deviation of the latent function at {@code x}, in target units. */
  public Prediction predict(double[] x) {
    if (x.length != xMean.length) throw new IllegalArgumentException("expected " + xMean.length + " inputs, got " + x.length);
    double[] z = standardise(x, active, xMean, xScale);
    double[] ks = new double[xs.length];
    double mean = 0;
    for (int i = 0; i < xs.length; i++) {
      ks[i] = kernel.covariance(z, xs[i], ell, signal);
      mean += ks[i] * alpha[i];
    }
    double[] v = forwardSolve(chol, ks);
    double explained = 0;
    for (double vi : v) explained += vi * vi;
    double variance = Math.max(0, signal - explained);
    return new Prediction(yMean + yScale * mean, yScale * Math.sqrt(variance));
  }

  public double logMarginalLikelihood() {
    return logLikelihood;
  }

  /** Length-scales in standardised input units (one, or one per input that varies in the data). */
  public double[] lengthScales() {
    return ell.clone();
  }

  /** Signal variance σ_f² in target units. */
  public double signalVariance() {
    return signal * yScale * yScale;
  }

  /** Noise variance σ_n² in target units. */
  public double noiseVariance() {
    return noise * yScale * yScale;
  }

  public int size() {
    return xs.length;
  }

  /** Whether column {@code j} takes more than one value (a constant column carries no information). */
  private static boolean varies(double[][] x, int j) {
    for (double[] row : x) if (row[j] != x[0][j]) return true;
    return false;
  }

  private static double[] standardise(double[] row, int[] active, double[] mean, double[] scale) {
    double[] z = new double[active.length];
    for (int a = 0; a < active.length; a++) z[a] = (row[active[a]] - mean[active[a]]) / scale[active[a]];
    return z;
  }

  private static double[] lengthScalesOf(double[] theta) {
    double[] ell = new double[theta.length - 2];
    for (int i = 0; i < ell.length; i++) ell[i] = Math.exp(theta[i]);
    return ell;
  }

  private static double[] forwardSolve(double[][] l, double[] b) {
    double[] x = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double s = b[i];
      for (int j = 0; j < i; j++) s -= l[i][j] * x[j];
      x[i] = s / l[i][i];
    }
    return x;
  }

  private static double[] backSolve(double[][] l, double[] b) {
    int n = b.length;
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) s -= l[j][i] * x[j];
      x[i] = s / l[i][i];
    }
    return x;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) s += d;
    return s / v.length;
  }

  private static double stdev(double[] v, double mean) {
    double s = 0;
    for (double d : v) s += (d - mean) * (d - mean);
    return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
  }
}
