package org.edgenas.eval.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CandidateModels;
import org.edgenas.profile.CompressSettings;
import org.edgenas.profile.DistillSettings;
import org.edgenas.eval.ProxyEvaluation;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.profile.ProxySettings;

/**
 * Compression in the loop on the built-in synthetic dataset: for three architectures, mAP50-95 (and mAP50) of
 * the exported ONNX for float / pruned 25% / pruned 50% / int8 / pruned 50% + int8, with and
 * without fine-tuning and with and without distillation from yolo11n, with the wall time of each
 * step; then how many parent trainings a yolo-lite search shares.
 * Args: [IMGSZ=64] [STEPS=80] [FINETUNE=20] [BATCH=16] [THREADS=2].
 */
public final class CompressionBenchmark {
  public static void main(String[] args) throws Exception {
    int imgsz = arg(args, 0, 64), steps = arg(args, 1, 80), finetune = arg(args, 2, 20), batch = arg(args, 3, 16), threads = arg(args, 4, 2);
    Path yaml = SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults());
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
    int nc = ds.names().size();
    ProxySettings profile = new ProxySettings("bench", imgsz, steps, 0, batch, 0.01, 0.01, Math.max(1, steps / 8), 0.1, 0.937,
        5e-4, true, 1.0, threads, 0, new ProxySettings.Augment(0.5, 0, false));
    Path work = Files.createTempDirectory("edgenas-compress-bench");
    CandidateModels models = new CandidateModels(work.resolve("models"));
    DistillSettings distill = new DistillSettings("yolo11n", Path.of("spaces/reference/yolo11n.yaml"), 0.5, 2.0);
    ParentStore plain = new ParentStore(work.resolve("parents"), 16), distilled = new ParentStore(work.resolve("parents-kd"), 16);
    SearchSpace lite = SpaceLoader.load(Path.of("spaces/yolo-lite.yaml"), nc);
    SearchSpace tiny = SpaceLoader.load(Path.of("spaces/tiny.yaml"), nc);
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Architecture> archs = new LinkedHashMap<>();
    archs.put("tiny-default", tiny.freeze(tiny.defaultPicks()).uncompressed());
    archs.put("lite-sample-1", lite.freeze(lite.samplePicks(random)).uncompressed());
    archs.put("lite-sample-2", lite.freeze(lite.samplePicks(random)).uncompressed());
    System.out.printf(Locale.ROOT, "synthetic dataset: %d train, %d val, nc %d; imgsz %d, %d steps x batch %d, fine-tune %d, %d threads%n",
        ds.train().size(), ds.val().size(), nc, imgsz, steps, batch, finetune, threads);
    System.out.println("| arch | distill | fine-tune | float | p25 | p50 | int8 | p50+int8 | step seconds |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    long t0 = System.nanoTime();
    Map<String, Double> parentSeconds = new LinkedHashMap<>();
    List<Map.Entry<String, Architecture>> queue = new ArrayList<>(archs.entrySet());
    for (int q = 0; q < queue.size(); q++) {
      var e = queue.get(q);
      try {
        run(e, ds, profile, finetune, distill, plain, distilled, models, parentSeconds);
      } catch (IllegalStateException diverged) {
        if (!String.valueOf(diverged.getMessage()).contains("diverged")) throw diverged;
        System.out.printf("| %s | %s: drawn again |%n", e.getKey(), diverged.getMessage());
        if (e.getKey().startsWith("lite")) queue.add(Map.entry(e.getKey() + "-redrawn", lite.freeze(lite.samplePicks(random)).uncompressed()));
      }
    }
    System.out.printf(Locale.ROOT, "parent training seconds (first evaluation of each; the teacher is timed apart): %s%n", parentSeconds);
    System.out.printf(Locale.ROOT, "parents trained: plain %d, distilled %d; total %.0f s%n", plain.trainedCount(), distilled.trainedCount(),
        (System.nanoTime() - t0) / 1e9);
    sharing(lite, random, parentSeconds.entrySet().stream().filter(x -> x.getKey().startsWith("lite") && !x.getKey().endsWith("+kd"))
        .mapToDouble(Map.Entry::getValue).average().orElse(Double.NaN));
  }

  private static void run(Map.Entry<String, Architecture> e, YoloDataset ds, ProxySettings profile, int finetune,
      DistillSettings distill, ParentStore plain, ParentStore distilled, CandidateModels models, Map<String, Double> parentSeconds) {
    {
      for (boolean kd : new boolean[] {false, true}) {
        for (int ft : new int[] {0, finetune}) {
          CompressSettings cs = new CompressSettings(ft, 16, kd ? distill : null);
          ProxyEvaluation ev = new ProxyEvaluation(ds, profile, kd ? "bench-kd" : "bench", "synthetic-builtin", cs, 0L,
              kd ? distilled : plain, models, p -> {});
          Architecture a = e.getValue();
          List<String> cells = new ArrayList<>();
          Map<String, Double> seconds = new LinkedHashMap<>();
          ProxyEvaluation.Result f = null;
          for (Architecture v : List.of(compressed(a, 0.25, 32), compressed(a, 0.5, 32), compressed(a, 0, 8), compressed(a, 0.5, 8))) {
            ProxyEvaluation.Result r = ev.evaluate(v);
            if (f == null) f = r;
            cells.add(String.format(Locale.ROOT, "%.3f (%.3f)", r.deployedMetrics().ap(), r.deployedMetrics().ap50()));
            r.stepSeconds().forEach((k, s) -> seconds.merge(k, s, Double::sum));
            if (kd && r.method().indexOf("distilled from teacher") < 0) throw new IllegalStateException("method lacks distillation: " + r.method());
          }
          parentSeconds.putIfAbsent(e.getKey() + (kd ? "+kd" : ""), seconds.getOrDefault("parent", 0.0));
          StringBuilder sec = new StringBuilder();
          seconds.forEach((k, s) -> sec.append(String.format(Locale.ROOT, "%s %.1f; ", k, s)));
          System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f (%.3f) | %s | %s |%n", e.getKey(), kd ? "yolo11n" : "-", ft == 0 ? "-" : ft + " steps",
              f.floatMetrics().ap(), f.floatMetrics().ap50(), String.join(" | ", cells), sec.toString().trim());
          System.out.flush();
        }
      }
    }
  }

  /** 30 yolo-lite candidates: 3 bases × 10 resamplings of their prune/bits genes only, versus 30 free samples. */
  private static void sharing(SearchSpace lite, SplittableRandom random, double parentSeconds) {
    Set<String> shared = new HashSet<>(), free = new HashSet<>();
    for (int b = 0; b < 3; b++) {
      int[] base = lite.samplePicks(random);
      for (int v = 0; v < 10; v++) {
        int[] picks = base.clone();
        for (int i = 0; i < picks.length; i++) {
          String label = lite.choices().get(i).label();
          if (label.endsWith("prune") || label.endsWith("bits")) picks[i] = random.nextInt(lite.choices().get(i).options().size());
        }
        shared.add(lite.freeze(picks).parentHash());
      }
    }
    for (int i = 0; i < 30; i++) free.add(lite.freeze(lite.samplePicks(random)).parentHash());
    System.out.printf(Locale.ROOT, "sharing: 30 candidates differing only in prune/bits genes (3 bases) -> %d parent trainings;"
        + " saved %d x %.1f s = %.0f s of proxy training%n", shared.size(), 30 - shared.size(), parentSeconds, (30 - shared.size()) * parentSeconds);
    System.out.printf(Locale.ROOT, "sharing: 30 free samples of yolo-lite -> %d distinct parents%n", free.size());
  }

  private static Architecture compressed(Architecture a, double prune, int bits) {
    List<Layer> layers = a.layers().stream().map(l -> l.withPrune(prune).withBits(bits)).toList();
    return new Architecture(a.name(), a.nc(), a.imgsz(), layers, a.provenance());
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
