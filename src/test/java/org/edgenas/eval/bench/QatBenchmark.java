package org.edgenas.eval.bench;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.arch.Weights;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CalibrationImages;
import org.edgenas.profile.CompressSettings;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.eval.OnnxValidator;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.ProxySettings;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.WeightFakeQuant;

/**
 * Benchmark (not a test): what the quantization-aware fine-tune buys. For tiny.yaml's default and
 * yolo-lite samples, all layers int8: the proxy-trained float parent's mAP50-95, the int8 model
 * after post-training quantization only, after N more float fine-tune steps then PTQ (the control:
 * the same extra training without fake-quant), and after N fake-quant steps then PTQ. Every score
 * is of the exported ONNX in ONNX Runtime on the synthetic val split.
 * Args: [IMGSZ=64] [STEPS=200] [QAT_STEPS=40] [SAMPLES=2].
 */
public final class QatBenchmark {
  private QatBenchmark() {}

  public static void main(String[] args) throws Exception {
    int imgsz = arg(args, 0, 64), steps = arg(args, 1, 200), qat = arg(args, 2, 40), samples = arg(args, 3, 2);
    Path yaml = SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults());
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
    int nc = ds.names().size();
    ProxySettings profile = new ProxySettings("bench", imgsz, steps, 0, 16, 0.002, 0.01, steps / 10, 0.002, 0.9, 5e-4, true,
        1.0, 1, 0, new ProxySettings.Augment(0.5, 0, false), ProxySettings.Optimizer.ADAMW);
    ProxySettings tune = new CompressSettings(0, 16).withQatSteps(qat).qatProfile(profile);
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), nc);
    SearchSpace lite = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), nc);
    List<Architecture> archs = new ArrayList<>(List.of(tiny.freeze(tiny.defaultPicks())));
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < samples; i++) archs.add(lite.freeze(lite.samplePicks(random)));
    ImageCache cache = new ImageCache();
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    ExportOptions int8 = ExportOptions.defaults().withBits(8).withCalibrationImages(CalibrationImages.of(ds.train(), cache, imgsz, 16));
    Path tmp = Files.createTempDirectory("edgenas-qat-bench");
    System.out.printf(Locale.ROOT, "synthetic %d train / %d val; imgsz %d; parent %d AdamW steps x batch 16; fine-tunes %d steps at lr %.4f%n",
        ds.train().size(), ds.val().size(), imgsz, steps, qat, tune.lr0());
    System.out.println("| architecture | float | int8 PTQ | float fine-tune + PTQ | QAT + PTQ | fake-quantized convs | QAT s |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Architecture full : archs) {
      Architecture a = full.uncompressed();
      Network net = a.lower(imgsz);
      Weights parent = train(net, Weights.init(net, 0), profile, ds, cache, Set.of());
      double floatMap = score(net, parent, ExportOptions.defaults().withBits(32), validator, ds, tmp);
      double ptq = score(net, parent, int8, validator, ds, tmp);
      double control = score(net, train(net, parent, tune, ds, cache, Set.of()), int8, validator, ds, tmp);
      Set<String> convs = WeightFakeQuant.int8Convs(withInt8(a).lower(imgsz)); // the same op names as net's
      long t0 = System.nanoTime();
      Weights qatWeights = train(net, parent, tune, ds, cache, convs);
      double qatSeconds = (System.nanoTime() - t0) / 1e9;
      double withQat = score(net, qatWeights, int8, validator, ds, tmp);
      System.out.printf(Locale.ROOT, "| %s %s | %.4f | %.4f | %.4f | %.4f | %d | %.1f |%n", full.name(), a.hash(), floatMap, ptq, control,
          withQat, convs.size(), qatSeconds);
    }
  }

  private static Architecture withInt8(Architecture a) {
    return new Architecture(a.name(), a.nc(), a.imgsz(), a.layers().stream().map(l -> l.withBits(8)).toList(), a.provenance());
  }

  private static Weights train(Network net, Weights from, ProxySettings p, YoloDataset ds, ImageCache cache, Set<String> fakeQuant) {
    try (NDManager manager = NDManager.newBaseManager()) {
      return new ProxyTrainer(p, manager).withWeightFakeQuant(fakeQuant).train(net, from, new DatasetBatchSource(ds.train(), p, cache),
          x -> {}).weights();
    }
  }

  private static double score(Network net, Weights w, ExportOptions options, OnnxValidator validator, YoloDataset ds, Path tmp)
      throws Exception {
    Path file = tmp.resolve("m.onnx");
    Files.write(file, OnnxExporter.export(net, w, options));
    return validator.evaluate(file, ds.val(), ds.names()).metrics().ap();
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
