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
import org.edgenas.latency.MeasurementProtocol;
import org.edgenas.latency.MeasurementProtocols;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.recipe.Recipe;
import org.edgenas.train.ProgressListener;
import org.edgenas.train.EvaluatorProfile;
import org.edgenas.train.EvaluatorProfiles;

/**
 * The measuring evaluators a recipe needs, plugged into the search: proxy training when an
 * objective is an accuracy, measured latency on this machine for the {@code local} device, and
 * over SSH for every device of the inventory. Models and trained parents live in the run folder.
 */
public final class RecipeEvaluators {
  private RecipeEvaluators() {}

  /** @param training the progress listener of a candidate's proxy trainings, by architecture hash */
  public static List<Evaluator> forRecipe(Recipe recipe, Path runDir, java.util.function.Function<String, ProgressListener> training) {
    List<String> needed = recipe.neededMetrics();
    List<Evaluator> out = new ArrayList<>();
    CandidateModels models = new CandidateModels(runDir.resolve(CandidateModels.FOLDER));
    MeasurementProtocol protocol = recipe.profile() == null ? MeasurementProtocol.DEFAULT : latencyProtocol(recipe.profile());
    for (DeviceBudget d : recipe.devices().values()) {
      if (!needed.contains("latency_ms@" + d.name())) continue;
      if (d.name().equals(LocalLatencyEvaluator.DEVICE)) {
        out.add(new LocalLatencyEvaluator(protocol, models));
      } else {
        out.add(new DeviceLatencyEvaluator(d.name(), recipe.root().resolve("devices"), protocol, models));
      }
    }
    if (needed.stream().anyMatch(ProxyEvaluator.METRICS::contains)) {
      if (recipe.profile() == null) throw new BadInputException(recipe.file() + ": an accuracy objective needs profile: (an evaluator profile with a proxy: block)");
      EvaluatorProfile p = EvaluatorProfiles.load(recipe.profile());
      EvaluatorProfile profile = p.withImgsz(recipe.imgsz());
      Path dataYaml = dataYaml(recipe);
      YoloDataset dataset = YoloDataset.load(dataYaml, BadEntryPolicy.SKIP);
      if (dataset.names().size() != recipe.nc()) {
        throw new BadInputException(recipe.file() + ": nc is " + recipe.nc() + " but " + dataYaml + " names "
            + dataset.names().size() + " classes; set nc: " + dataset.names().size() + " in the recipe");
      }
      String profileHash = TrainingKeys.profileHash(recipe.profile(), recipe.imgsz());
      ProxyEvaluation evaluation = new ProxyEvaluation(dataset, profile, profileHash, TrainingKeys.datasetFingerprint(dataYaml, dataset),
          CompressSettings.load(recipe.profile()), new ParentStore(runDir.resolve("parents"), 8), models,
          training);
      out.add(new ProxyEvaluator(evaluation, profileHash));
    }
    return out;
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

  private static MeasurementProtocol latencyProtocol(Path profile) {
    String text = TrainingKeys.read(profile);
    return text.lines().anyMatch(l -> l.startsWith(MeasurementProtocols.BLOCK_KEY + ":"))
        ? MeasurementProtocols.load(profile) : MeasurementProtocol.DEFAULT;
  }
}
