package org.edgenas.eval.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.cost.CostModel;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.eval.OnnxValidator;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.surrogate.RankAgreement;
import org.edgenas.train.EvaluatorProfile;
import org.edgenas.train.ProxyTrainer;

/**
 * Benchmark (not a test): how well a short proxy training ranks architectures. N architectures of
 * different size and kind from a space are proxy-trained with a fast profile and with one 10×
 * longer, each scored as the mAP50-95 of its exported ONNX on the synthetic val split; prints both
 * rankings, Kendall τ between them and the wall time per architecture and profile.
 * Args: SPACE N IMGSZ FAST_STEPS [BATCH].
 */
public final class ProxyFidelityBenchmark {
  private ProxyFidelityBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path spaceFile = Path.of(args.length > 0 ? args[0] : "spaces/yolo-lite.yaml");
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    int imgsz = args.length > 2 ? Integer.parseInt(args[2]) : 96;
    int fast = args.length > 3 ? Integer.parseInt(args[3]) : 40;
    int batch = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    Path yaml = SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults());
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
    SearchSpace space = SpaceLoader.load(spaceFile, ds.names().size());
    SplittableRandom random = new SplittableRandom(2026);
    List<Architecture> archs = new ArrayList<>();
    while (archs.size() < n) {
      Architecture a = space.freeze(space.samplePicks(random)).uncompressed();
      if (archs.stream().noneMatch(b -> b.hash().equals(a.hash()))) archs.add(a);
    }
    ImageCache cache = new ImageCache();
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 2);
    Path tmp = Files.createTempDirectory("edgenas-fidelity");
    double[] fastMap = new double[n];
    double[] longMap = new double[n];
    System.out.printf("%s, %d architectures, imgsz %d, batch %d, fast %d steps, long %d steps%n", spaceFile, n, imgsz, batch, fast, 10 * fast);
    System.out.printf("%-18s %10s %8s %10s %8s %10s %8s%n", "hash", "params", "GFLOPs", "fast mAP", "fast s", "long mAP", "long s");
    for (int i = 0; i < n; i++) {
      Architecture arch = archs.get(i);
      Network net = arch.lower(imgsz);
      long t0 = System.nanoTime();
      fastMap[i] = trainAndScore(net, profile(imgsz, fast, batch), ds, cache, validator, tmp);
      double fastSeconds = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      longMap[i] = trainAndScore(net, profile(imgsz, 10 * fast, batch), ds, cache, validator, tmp);
      double longSeconds = (System.nanoTime() - t0) / 1e9;
      var cost = CostModel.of(net);
      System.out.printf(Locale.ROOT, "%-18s %,10d %8.3f %10.4f %8.1f %10.4f %8.1f%n", arch.hash(), cost.params(), cost.gflops(),
          fastMap[i], fastSeconds, longMap[i], longSeconds);
    }
    System.out.printf(Locale.ROOT, "Kendall tau (fast vs long ranking): %.3f%n", RankAgreement.kendallTau(fastMap, longMap).orElse(Double.NaN));
  }

  private static EvaluatorProfile profile(int imgsz, int steps, int batch) {
    return new EvaluatorProfile("bench-" + steps, imgsz, steps, 0, batch, 0.01, 0.01, Math.max(1, steps / 10), 0.1, 0.937, 5e-4,
        true, 1.0, 1, 0, new EvaluatorProfile.Augment(0.5, 0, false));
  }

  private static double trainAndScore(Network net, EvaluatorProfile p, YoloDataset ds, ImageCache cache, OnnxValidator validator,
      Path tmp) throws Exception {
    Weights w;
    try (NDManager manager = NDManager.newBaseManager()) {
      w = new ProxyTrainer(p, manager).train(net, Weights.init(net, 0), new DatasetBatchSource(ds.train(), p, cache), x -> {}).weights();
    }
    Path file = tmp.resolve("m.onnx");
    Files.write(file, OnnxExporter.export(net, w, ExportOptions.defaults()));
    return validator.evaluate(file, ds.val(), ds.names()).metrics().ap();
  }
}
