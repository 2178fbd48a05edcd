package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edgenas.arch.Architecture;
import org.edgenas.common.AtomicFiles;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CandidateModels;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.eval.ProxyEvaluation;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.onnx.ArchitectureFile;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.train.ConsoleProgress;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.EvaluatorProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgenas train ARCH_OR_SPACE.yaml --data data.yaml --profile evaluators/proxy-fast.yaml --out DIR}:
 * proxy-trains one architecture as the search does (parent, pruning and fine-tune, bit widths) and
 * writes the deployed ONNX model and a metrics JSON.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Proxy-train one architecture with DJL as the search does, and score its exported ONNX model.",
      "It trains the float parent, prunes and fine-tunes when the layers ask for it, exports at the layers' bit widths,",
      "and scores the exported model in ONNX Runtime (COCO mAP on the val split).",
      "Writes DIR/model.onnx and DIR/metrics.json."
    })
public final class TrainCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ARCH_OR_SPACE.yaml", description = "An architecture or space file (a space: its default picks, or --pick-seed).")
  Path file;

  @Option(names = "--data", required = true, paramLabel = "data.yaml", description = "A YOLO-format dataset.")
  Path data;

  @Option(names = "--profile", paramLabel = "FILE", description = "Evaluator profile (default: ${DEFAULT-VALUE}).")
  Path profile = Path.of("evaluators/proxy-fast.yaml");

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write model.onnx and metrics.json.")
  Path out;

  @Option(names = "--imgsz", paramLabel = "N", description = "Image size (default: the profile's).")
  int imgsz;

  @Option(names = "--pick-seed", paramLabel = "S", description = "For a space with choices: sample the picks with this seed.")
  Long pickSeed;

  @Option(names = "--init", paramLabel = "FILE", description = {"Start from this checkpoint: an Ultralytics ONNX export",
      "(yolo export format=onnx) of the same architecture, or an edgenas export. Class logits start fresh when the",
      "class count differs. Without it, the profile's init: (if any) is inherited by the layers matching its reference."})
  Path init;

  @Option(names = "--seed", paramLabel = "N", description = "The master seed the training seeds derive from, as a search's recipe seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    org.edgenas.data.DatasetSpec dataSpec = org.edgenas.data.DataYaml.read(data);
    dataSpec.warnings().forEach(w -> spec.commandLine().getErr().println("edgenas: warning: " + w));
    YoloDataset dataset = YoloDataset.load(dataSpec, BadEntryPolicy.SKIP);
    ArchitectureFile source = ArchitectureFile.load(file, dataset.names().size(), pickSeed);
    Architecture arch = source.architecture();
    EvaluatorProfile loaded = EvaluatorProfiles.load(profile);
    ProxySettings p = loaded.requireProxy();
    int size = imgsz == 0 ? p.imgsz() : imgsz;
    if (size < 32 || size % 32 != 0) throw new BadInputException("--imgsz must be a positive multiple of 32, was " + size);
    ProxySettings sized = p.withImgsz(size);
    Files.createDirectories(out);
    ProxyEvaluation evaluation = new ProxyEvaluation(dataset, sized, TrainingKeys.profileHash(loaded, size),
        TrainingKeys.datasetFingerprint(data, dataset),
        loaded.compress(), seed, new ParentStore(out.resolve("parents"), 2), new CandidateModels(out.resolve("work")),
        quiet ? progress -> {} : ConsoleProgress.stderr(),
        init != null ? WeightInheritance.exact(OnnxCheckpointReader.read(init)) : RecipeEvaluators.inheritance(loaded, arch.nc()));
    PrintWriter w = spec.commandLine().getOut();
    if (!source.note().isEmpty()) w.println(source.note());
    ProxyEvaluation.Result r = evaluation.evaluate(arch);
    if (r.init() != null) w.println(r.init().summary());
    Path model = out.resolve("model.onnx");
    Files.copy(r.onnx(), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("architecture", arch.name());
    metrics.put("hash", arch.hash());
    metrics.put("parent", r.parentHash());
    metrics.put("method", r.method());
    if (r.init() != null) metrics.put("init", r.init().describe());
    ProxyEvaluation.SeedMetrics own = r.exported();
    metrics.put("deployed", own.deployedMetrics());
    metrics.put("float", own.floatMetrics());
    metrics.put("pruned_finetuned", own.prunedMetrics());
    if (r.seeds().size() > 1) metrics.put("estimate", estimate(r));
    metrics.put("seconds", r.seconds());
    metrics.put("profile", profile.toString());
    metrics.put("seed", seed);
    metrics.put("data", data.toString());
    AtomicFiles.writeString(out.resolve("metrics.json"), Json.pretty(metrics));
    w.print(own.deployedMetrics().table());
    if (r.seeds().size() > 1) {
      w.printf(java.util.Locale.ROOT, "the table is model.onnx's (profile seed %d); the profile's estimate, the mean of %d trainings:"
              + " mAP50-95 %.4f, mAP50 %.4f%n", own.seed(), r.seeds().size(), r.deployedMetrics().ap(), r.deployedMetrics().ap50());
    }
    w.printf("wrote %s and %s (%.1f s)%n", model, out.resolve("metrics.json"), r.seconds());
    w.flush();
    return Main.OK;
  }

  /** The accuracy estimate of a profile with several seeds: the mean, and each training's deployed mAP. */
  private static Map<String, Object> estimate(ProxyEvaluation.Result r) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("what", "mean over " + r.seeds().size() + " proxy trainings with the profile seeds named; model.onnx is the first's");
    e.put("seeds", r.seeds().stream().map(ProxyEvaluation.SeedMetrics::seed).toList());
    e.put("map50_95_each", r.seeds().stream().map(m -> m.deployedMetrics().ap()).toList());
    e.put("deployed_mean", r.deployedMetrics());
    return e;
  }
}
