package org.edgenas.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.edgenas.common.BadInputException;
import org.edgenas.compress.ParentStore;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Recipe;
import org.edgenas.supernet.SupernetFile;
import org.edgenas.supernet.SupernetSpace;
import org.edgenas.train.ProgressListener;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.profile.InitSettings;
import org.edgenas.arch.Architecture;
import org.edgenas.checkpoint.Checkpoint;
import org.edgenas.checkpoint.WeightInheritance;
import org.edgenas.onnx.OnnxCheckpointReader;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * The measuring evaluators a recipe needs, plugged into the search: proxy training when an
 * objective is an accuracy, measured latency on this machine for the {@code local} device, and
 * over SSH for every device of the inventory (with {@code accuracy: supernet}, the accuracy comes
 * from parents inherited from the space's supernet, trained here first unless the recipe names one, and started
 * from the profile's {@code init:} checkpoint where its paths match), all configured by the recipe's one {@link
 * EvaluatorProfile}; every training seed derives from the recipe's master seed. Models and trained
 * parents live in the run folder.
 */
public final class RecipeEvaluators {
  /** Where a recipe with {@code accuracy: supernet} and no {@code supernet:} file trains its supernet, under the run folder. */
  public static final String SUPERNET_FILE = "supernet/supernet.bin";

  private RecipeEvaluators() {}

  /** @param training the progress listener of a candidate's proxy trainings, by architecture hash */
  public static List<Evaluator> forRecipe(Recipe recipe, Path runDir, java.util.function.Function<String, ProgressListener> training) {
    List<String> needed = recipe.neededMetrics();
    List<Evaluator> out = new ArrayList<>();
    CandidateModels models = new CandidateModels(runDir.resolve(CandidateModels.FOLDER));
    EvaluatorProfile profile = recipe.profile();
    for (DeviceBudget d : recipe.devices().values()) {
      if (!needed.contains("latency_ms@" + d.name())) continue;
      if (d.name().equals(LocalLatencyEvaluator.DEVICE)) {
        out.add(new LocalLatencyEvaluator(profile.latency(), models));
      } else {
        out.add(new DeviceLatencyEvaluator(d.device(), profile.latency(), models));
      }
    }
    if (needed.stream().anyMatch(ProxyEvaluator.METRICS::contains)) {
      if (!profile.hasProxy()) throw new BadInputException(recipe.file() + ": an accuracy objective needs profile: (an evaluator profile with a proxy: section)");
      ProxySettings proxy = profile.proxy().withImgsz(recipe.imgsz());
      Path dataYaml = dataYaml(recipe);
      YoloDataset dataset = recipe.data() == null ? YoloDataset.load(dataYaml, BadEntryPolicy.SKIP) : YoloDataset.load(recipe.data(), BadEntryPolicy.SKIP);
      if (dataset.names().size() != recipe.nc()) {
        throw new BadInputException(recipe.file() + ": nc is " + recipe.nc() + " but " + dataYaml + " names "
            + dataset.names().size() + " classes; set nc: " + dataset.names().size() + " in the recipe");
      }
      String trainingKey = TrainingKeys.profileHash(profile, recipe.imgsz());
      ProxyEvaluation evaluation = new ProxyEvaluation(dataset, proxy, trainingKey, TrainingKeys.datasetFingerprint(dataYaml, dataset),
          profile.compress(), recipe.seed(), new ParentStore(runDir.resolve("parents"), 8), models, training,
          recipe.accuracy().equals(Recipe.SUPERNET) ? null : inheritance(profile, recipe.nc()));
      if (recipe.accuracy().equals(Recipe.SUPERNET)) {
        Supernets.Task task = new Supernets.Task(recipe.spaceFile(), recipe.space(), dataYaml, dataset, recipe.imgsz());
        Path file = recipe.supernet() != null ? recipe.supernet() : runDir.resolve(SUPERNET_FILE);
        SupernetFile.Loaded supernet = recipe.supernet() != null ? Supernets.reuse(task, file, profile.init())
            : Supernets.trainOrResume(task, profile, 0, file, training.apply(SUPERNET_FILE), new java.io.PrintWriter(System.err, true));
        // the supernet's training, not its path, keys the cached estimates: another supernet is another evaluator
        String key = TrainingKeys.withSeed(trainingKey + "|supernet=" + supernet.header().profileHash() + "," + supernet.header().step(),
            recipe.seed());
        out.add(new ProxyEvaluator(evaluation.inheriting(new SupernetParents(file, supernet,
            SupernetSpace.of(recipe.space(), recipe.nc()), proxy, Supernets.requireSupernet(profile), dataset, training,
            Supernets.initial(inheritance(profile, recipe.nc())))), key,
            ProxyEvaluator.SUPERNET));
      } else {
        out.add(new ProxyEvaluator(evaluation, TrainingKeys.withSeed(trainingKey, recipe.seed())));
      }
    }
    return out;
  }

  /** Where the standalone trainings of the {@code final:} profile keep their models and parents, under the run folder. */
  public static final String FINAL_FOLDER = "final";

  /**
   * The standalone trainer of the recipe's {@code final:} profile (from scratch, or from its {@code
   * init:}), in this process; null when the recipe names none.
   */
  public static Evaluator finalTrainer(Recipe recipe, Path runDir, java.util.function.Function<String, ProgressListener> training) {
    EvaluatorProfile profile = recipe.finalProfile();
    if (profile == null) return null;
    ProxySettings proxy = profile.requireProxy().withImgsz(recipe.imgsz());
    Path dataYaml = dataYaml(recipe);
    YoloDataset dataset = recipe.data() == null ? YoloDataset.load(dataYaml, BadEntryPolicy.SKIP) : YoloDataset.load(recipe.data(), BadEntryPolicy.SKIP);
    Path dir = runDir.resolve(FINAL_FOLDER);
    String key = TrainingKeys.profileHash(profile, recipe.imgsz());
    ProxyEvaluation evaluation = new ProxyEvaluation(dataset, proxy, key, TrainingKeys.datasetFingerprint(dataYaml, dataset), profile.compress(),
        recipe.seed(), new ParentStore(dir.resolve("parents"), 8), new CandidateModels(dir.resolve(CandidateModels.FOLDER)), training,
        inheritance(profile, recipe.nc()));
    return new ProxyEvaluator(evaluation, TrainingKeys.withSeed(key, recipe.seed()), "final-train");
  }

  /**
   * The checkpoint of the profile's {@code init:}, of the first reference architecture it fits at
   * {@code nc} classes, which candidates inherit from; null when the profile has no {@code init:}.
   */
  public static WeightInheritance inheritance(EvaluatorProfile profile, int nc) {
    InitSettings init = profile.init();
    if (init == null) return null;
    Checkpoint ckpt = OnnxCheckpointReader.read(init.file());
    List<Architecture> refs = init.references().stream()
        .map(f -> { SearchSpace s = SpaceLoader.load(f); return s.freeze(s.defaultPicks()); }).toList();
    try {
      return WeightInheritance.detect(ckpt, refs, nc);
    } catch (BadInputException e) {
      throw new BadInputException(profile.file() + ": init: " + e.getMessage(), e);
    }
  }

  /** The recipe's data.yaml: the built-in synthetic dataset (generated once into the cache) or the named file. */
  public static Path dataYaml(Recipe recipe) {
    if (Recipe.SYNTHETIC.equals(recipe.dataset())) {
      return SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), SynthOptions.defaults());
    }
    Path p = recipe.root().resolve(recipe.dataset());
    if (!Files.isRegularFile(p)) throw new BadInputException(recipe.file() + ": dataset " + recipe.dataset() + " does not exist");
    return p;
  }
}
