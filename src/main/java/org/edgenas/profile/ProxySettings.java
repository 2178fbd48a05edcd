package org.edgenas.profile;

import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;

/**
 * Proxy-training settings, read from the {@code proxy:} block of an evaluator profile
 * ({@code evaluators/proxy-fast.yaml}, {@code proxy-long.yaml}) by {@link EvaluatorProfiles}.
 *
 * @param name the profile's file name without extension
 * @param imgsz square training image size (multiple of 32)
 * @param steps optimizer steps, or 0 when {@code epochs} decides
 * @param epochs passes over the (subset of the) training images, or 0 when {@code steps} decides
 * @param batch images per step
 * @param lr0 initial learning rate
 * @param lrf final learning rate as a fraction of lr0
 * @param warmupSteps steps of linear warm-up (lr from 0, bias lr from warmupBiasLr, momentum from 0.8)
 * @param warmupBiasLr bias learning rate at the start of warm-up (Ultralytics 0.1)
 * @param momentum SGD momentum (Nesterov)
 * @param weightDecay L2 on convolution weights, for a nominal batch of 64 (scaled by batch/64)
 * @param cosine cosine decay after warm-up, else linear
 * @param subset fraction (≤ 1) or count (&gt; 1) of training images used
 * @param threads torch intra-op threads
 * @param seed training seed (batches, augmentation, engine)
 * @param augment augmentation settings for the batch source
 * @param optimizer SGD with Nesterov momentum, or AdamW (beta1 = momentum, not warmed up)
 * @param bnRecalibration training batches run after the last step to re-estimate the BatchNorm
 *     running statistics for the final weights (their plain average; no parameter changes), 0 for none
 * @param ema the exponential moving average of the weights that is kept during training and becomes
 *     the trained weights ({@link Ema#NONE}: the last step's weights)
 * @param zeroInitResidual whether a network trained from scratch starts with the BatchNorm γ that close
 *     its residual branches at zero, so every residual block starts as the identity
 * @param seeds how many trainings, with seeds {@code seed, seed + 1, …}, one accuracy estimate
 *     averages ({@link #replicas()}); 1 for a single training
 */
public record ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
    int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
    int threads, long seed, Augment augment, Optimizer optimizer, int bnRecalibration, Ema ema,
    boolean zeroInitResidual, int seeds) {
  /** The optimizer of a proxy training. */
  public enum Optimizer {
    SGD, ADAMW;

    /** The profile file's spelling: sgd or adamw. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A profile whose estimate is a single training. */
  public ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
      int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
      int threads, long seed, Augment augment, Optimizer optimizer, int bnRecalibration, Ema ema, boolean zeroInitResidual) {
    this(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay, cosine, subset,
        threads, seed, augment, optimizer, bnRecalibration, ema, zeroInitResidual, 1);
  }

  /** A profile with the default initialisation (no residual branch zeroed). */
  public ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
      int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
      int threads, long seed, Augment augment, Optimizer optimizer, int bnRecalibration, Ema ema) {
    this(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay, cosine, subset,
        threads, seed, augment, optimizer, bnRecalibration, ema, false);
  }

  /** A profile without a weight average: the trained weights are the last step's. */
  public ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
      int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
      int threads, long seed, Augment augment, Optimizer optimizer, int bnRecalibration) {
    this(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay, cosine, subset,
        threads, seed, augment, optimizer, bnRecalibration, Ema.NONE);
  }

  /** A profile with SGD (Nesterov), the default optimizer. */
  public ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
      int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
      int threads, long seed, Augment augment) {
    this(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay, cosine, subset,
        threads, seed, augment, Optimizer.SGD);
  }

  /** A profile without BatchNorm recalibration. */
  public ProxySettings(String name, int imgsz, int steps, int epochs, int batch, double lr0, double lrf,
      int warmupSteps, double warmupBiasLr, double momentum, double weightDecay, boolean cosine, double subset,
      int threads, long seed, Augment augment, Optimizer optimizer) {
    this(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay, cosine, subset,
        threads, seed, augment, optimizer, 0);
  }

  /**
   * Light augmentation for the batch source.
   *
   * @param flip probability of a horizontal flip
   * @param scale random scale gain: the image is scaled by 1 ± scale
   * @param hsv whether to jitter hue, saturation and value (Ultralytics gains 0.015, 0.7, 0.4)
   */
  public record Augment(double flip, double scale, boolean hsv) {
    public static final Augment NONE = new Augment(0, 0, false);

    public Augment {
      if (!(flip >= 0 && flip <= 1)) throw new IllegalArgumentException("augment.flip must be 0..1, was " + flip);
      if (!(scale >= 0 && scale < 1)) throw new IllegalArgumentException("augment.scale must be 0..<1, was " + scale);
    }
  }

  /**
   * An exponential moving average of every parameter and BatchNorm running statistic, updated after
   * each applied optimizer step with the decay {@code decay · (1 − exp(−updates / tau))} (the
   * structure of Ultralytics' ModelEMA: the ramp keeps the random initial weights from dominating
   * the average early on; tau 0 means no ramp). The average, not the last step, becomes the trained
   * weights; with decay d it spans roughly the last 1/(1 − d) steps.
   *
   * @param decay the decay once the ramp is over, in [0, 1); 0 keeps no average
   * @param tau the ramp's time constant in optimizer steps (0: the full decay from the first update)
   */
  public record Ema(double decay, int tau) {
    public static final Ema NONE = new Ema(0, 0);

    public Ema {
      if (!(decay >= 0 && decay < 1)) throw new IllegalArgumentException("ema.decay must be in [0, 1), was " + decay);
      if (tau < 0) throw new IllegalArgumentException("ema.tau must be 0 or more steps, was " + tau);
    }

    /** Whether an average is kept at all. */
    public boolean enabled() {
      return decay > 0;
    }

    /** The decay applied at the {@code updates}-th update (from 1). */
    public double decayAt(int updates) {
      return tau == 0 ? decay : decay * (1 - Math.exp(-(double) updates / tau));
    }
  }

  public ProxySettings {
    if (imgsz < 32 || imgsz % 32 != 0) throw new IllegalArgumentException("imgsz must be a positive multiple of 32, was " + imgsz);
    if ((steps > 0) == (epochs > 0) || steps < 0 || epochs < 0) {
      throw new IllegalArgumentException("give exactly one of steps or epochs (positive), was steps " + steps + ", epochs " + epochs);
    }
    if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, was " + batch);
    if (!(lr0 > 0)) throw new IllegalArgumentException("lr0 must be positive, was " + lr0);
    if (!(subset > 0)) throw new IllegalArgumentException("subset must be a fraction in (0, 1] or a count > 1, was " + subset);
    if (subset > 1 && subset != Math.rint(subset)) throw new IllegalArgumentException("a subset count must be whole, was " + subset);
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    if (optimizer == null) throw new IllegalArgumentException("optimizer must be sgd or adamw");
    if (bnRecalibration < 0) throw new IllegalArgumentException("bn_recalibration must be 0 or more batches, was " + bnRecalibration);
    if (ema == null) throw new IllegalArgumentException("ema must be given (Ema.NONE for none)");
    if (seeds < 1) throw new IllegalArgumentException("seeds must be at least 1 training, was " + seeds);
  }

  /** The same profile at another image size (a search trains at its recipe's deployment size). */
  public ProxySettings withImgsz(int size) {
    return new ProxySettings(name, size, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay,
        cosine, subset, threads, seed, augment, optimizer, bnRecalibration, ema, zeroInitResidual, seeds);
  }

  /**
   * A short fine-tune after this training: {@code count} steps from {@code lrScale} × lr0 (decaying as
   * this profile does), no warm-up, seed {@code seed + seedOffset}, one training, no weight average.
   */
  public ProxySettings fineTune(String suffix, int count, double lrScale, int seedOffset) {
    return new ProxySettings(name + suffix, imgsz, count, 0, batch, lr0 * lrScale, lrf, 0, warmupBiasLr, momentum, weightDecay,
        cosine, subset, threads, seed + seedOffset, augment, optimizer);
  }

  /** The same profile with another seed (batches, augmentation, engine and, for a parent, its initial weights). */
  public ProxySettings withSeed(long other) {
    return new ProxySettings(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay,
        cosine, subset, threads, other, augment, optimizer, bnRecalibration, ema, zeroInitResidual, seeds);
  }

  /** The same profile averaging {@code count} trainings. */
  public ProxySettings withSeeds(int count) {
    return new ProxySettings(name, imgsz, steps, epochs, batch, lr0, lrf, warmupSteps, warmupBiasLr, momentum, weightDecay,
        cosine, subset, threads, seed, augment, optimizer, bnRecalibration, ema, zeroInitResidual, count);
  }

  /**
   * The single trainings whose scores one estimate averages: this profile at seeds {@code seed},
   * {@code seed + 1}, … ({@link #seeds()} of them), each with {@code seeds} 1.
   */
  public java.util.List<ProxySettings> replicas() {
    return java.util.stream.IntStream.range(0, seeds).mapToObj(r -> withSeed(seed + r).withSeeds(1)).toList();
  }

  /** The weights a training from scratch starts from: {@link Weights#init} by {@code seed}, residual branches zeroed when asked. */
  public Weights initialWeights(Network net, long seed) {
    Weights w = Weights.init(net, seed);
    return zeroInitResidual ? w.withResidualBranchesZeroed(net) : w;
  }

  /** How many of {@code available} training images the profile uses. */
  public int subsetImages(int available) {
    int n = subset <= 1 ? (int) Math.round(available * subset) : (int) subset;
    return Math.max(1, Math.min(available, n));
  }

  /** The number of optimizer steps for a source of {@code images} training images. */
  public int totalSteps(int images) {
    return steps > 0 ? steps : Math.max(1, (int) Math.ceil((double) epochs * images / batch));
  }

  /** Learning-rate factor (of lr0) after warm-up at step {@code step} of {@code total}. */
  public double decay(int step, int total) {
    double x = Math.min(1, (double) step / Math.max(1, total));
    return cosine ? ((1 - Math.cos(x * Math.PI)) / 2) * (lrf - 1) + 1 : (1 - x) * (1 - lrf) + lrf;
  }
}
