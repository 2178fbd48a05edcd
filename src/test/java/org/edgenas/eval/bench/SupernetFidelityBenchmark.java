package org.edgenas.eval.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.compress.ParentStore;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.OnnxValidator;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.eval.CandidateModels;
import org.edgenas.eval.ProxyEvaluation;
import org.edgenas.eval.SupernetParents;
import org.edgenas.eval.Supernets;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.profile.ProxySettings;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetSpace;

/**
 * Benchmark (not a test): supernet estimates of architectures, in the fidelity benchmark's TSV
 * format (the estimate in the fast_* columns, long columns NaN), so that {@code
 * bench/proxy-fidelity.sh summarize=THIS.tsv,LONG.tsv,…} gives τ against long trainings. Trains (or
 * resumes) the supernet first into {@code dir}/supernet.bin. Arguments {@code key=value}: space
 * (default spaces/yolo-lite.yaml), profile (a supernet profile, default bench/supernet/c8-96.yaml),
 * imgsz (default the profile's), steps (supernet steps, default the profile's), data (a data.yaml;
 * default the synthetic set of {@code classes}, {@code train}, {@code val} images as the fidelity
 * benchmark draws it), dir, out (the TSV rows are appended to, one per estimate as it finishes),
 * n and pool_seed (the fidelity benchmark's architecture pool: n spread by size), or sample=N
 * (N random candidates of the space, compression genes included, with seed {@code sample_seed}),
 * bn_batches, finetune_steps and finetune_lr (override the profile's), train_only=1 (stop after the training),
 * extra_data and out_extra (each estimate's exported model is also scored on that data.yaml's val
 * split, e.g. one whose val is the train images; rows to out_extra).
 */
public final class SupernetFidelityBenchmark {
  private SupernetFidelityBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = ProxyFidelityBenchmark.options(args);
    Path spaceFile = Path.of(o.getOrDefault("space", "spaces/yolo-lite.yaml"));
    EvaluatorProfile profile = EvaluatorProfiles.load(Path.of(o.getOrDefault("profile", "bench/supernet/c8-96.yaml")));
    var settings = Supernets.requireSupernet(profile);
    if (o.containsKey("bn_batches")) settings = settings.withBnBatches(Integer.parseInt(o.get("bn_batches")));
    if (o.containsKey("finetune_steps")) settings = settings.withFinetuneSteps(Integer.parseInt(o.get("finetune_steps")));
    if (o.containsKey("finetune_lr")) settings = settings.withFinetuneLr(Double.parseDouble(o.get("finetune_lr")));
    int imgsz = Integer.parseInt(o.getOrDefault("imgsz", String.valueOf(profile.requireProxy().imgsz())));
    ProxySettings training = profile.requireProxy().withImgsz(imgsz);
    Path dataYaml = o.containsKey("data") ? Path.of(o.get("data"))
        : SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), new SynthOptions(Integer.parseInt(o.getOrDefault("classes", "8")),
            Integer.parseInt(o.getOrDefault("train", "1024")), Integer.parseInt(o.getOrDefault("val", "256")), 160, 0));
    YoloDataset ds = YoloDataset.load(dataYaml, BadEntryPolicy.SKIP);
    SearchSpace space = SpaceLoader.load(spaceFile, ds.names().size());
    Path dir = Path.of(o.getOrDefault("dir", "target/supernet-bench"));
    Path file = dir.resolve("supernet.bin");
    PrintWriter log = new PrintWriter(System.out, true);
    Supernets.Task task = new Supernets.Task(spaceFile, space, dataYaml, ds, imgsz);
    long t0 = System.nanoTime();
    SupernetFile.Loaded supernet = Supernets.trainOrResume(task, profile, Integer.parseInt(o.getOrDefault("steps", "0")), file, p -> {
      if (p.step() % 25 == 0 || p.step() == p.steps()) {
        log.printf(Locale.ROOT, "step %d/%d loss %.3f  %.1f img/s  elapsed %ds  left %ds%n", p.step(), p.steps(), p.loss(),
            p.imagesPerSecond(), p.elapsed().toSeconds(), p.remaining().toSeconds());
      }
    }, log);
    log.printf(Locale.ROOT, "supernet: %d steps, %.0f s of training in all (%.0f s in this process)%n", supernet.header().step(),
        supernet.header().seconds(), (System.nanoTime() - t0) / 1e9);
    if (o.containsKey("train_only")) return;

    List<Architecture> archs;
    if (o.containsKey("sample")) {
      SplittableRandom random = new SplittableRandom(Long.parseLong(o.getOrDefault("sample_seed", "1")));
      archs = new java.util.ArrayList<>();
      for (int i = 0; i < Integer.parseInt(o.get("sample")); i++) archs.add(space.freeze(space.samplePicks(random)));
    } else {
      archs = ProxyFidelityBenchmark.spreadBySize(space, Integer.parseInt(o.getOrDefault("n", "12")), imgsz,
          Long.parseLong(o.getOrDefault("pool_seed", "7")));
    }
    Path tmp = Files.createTempDirectory("supernet-bench");
    ProxyEvaluation evaluation = new ProxyEvaluation(ds, training, "bench-supernet", TrainingKeys.datasetFingerprint(dataYaml, ds),
        profile.compress(), 0L, new ParentStore(tmp.resolve("parents"), 1), new CandidateModels(tmp.resolve("models")), p -> {})
        .inheriting(new SupernetParents(file, supernet, SupernetSpace.of(space, ds.names().size()), training, settings, ds, hash -> p -> {}));
    Path out = o.containsKey("out") ? Path.of(o.get("out")) : null;
    if (out != null && !Files.exists(out)) {
      Files.writeString(out, ProxyFidelityBenchmark.HEADER + "\n");
    }
    YoloDataset extra = o.containsKey("extra_data") ? YoloDataset.load(Path.of(o.get("extra_data")), BadEntryPolicy.SKIP) : null;
    Path outExtra = extra == null ? null : Path.of(o.get("out_extra"));
    if (outExtra != null && !Files.exists(outExtra)) Files.writeString(outExtra, ProxyFidelityBenchmark.HEADER + "\n");
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    String method = "";
    for (Architecture arch : archs) {
      ProxyEvaluation.Result r = evaluation.evaluate(arch);
      method = r.method();
      CostReport cost = CostModel.of(arch.lower(imgsz));
      String row = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%s\t%.4f\t%.4f\t%.1f\tNaN\tNaN\tNaN", arch.hash(), cost.params(),
          cost.gflops(), ProxyFidelityBenchmark.kinds(arch), r.deployedMetrics().ap(), r.deployedMetrics().ap50(), r.seconds());
      log.println(row + "\t# " + r.stepSeconds());
      if (out != null) Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
      if (extra != null) { // the same exported model, scored on the other data.yaml's val split
        CocoMetrics m = validator.evaluate(r.onnx(), extra.val(), extra.names()).metrics();
        Files.writeString(outExtra, String.format(Locale.ROOT, "%s\t%d\t%.4f\t%s\t%.4f\t%.4f\t%.1f\tNaN\tNaN\tNaN%n", arch.hash(),
            cost.params(), cost.gflops(), ProxyFidelityBenchmark.kinds(arch), m.ap(), m.ap50(), r.seconds()), StandardOpenOption.APPEND);
      }
    }
    log.println("# method of the last: " + method);
  }
}
