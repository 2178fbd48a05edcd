package org.edgenas.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.edgenas.common.EdgenasVersion;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CandidateModels;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.recipe.Recipe;

/**
 * The measuring evaluators of a recipe ({@link RecipeEvaluators}) with proxy training sent to a
 * backend instead of this process: plugged into a search like {@code RecipeEvaluators.forRecipe}.
 * The backend is made for the run folder on first use and closed with this object.
 */
public final class DelegatedEvaluators implements AutoCloseable {
  private final Function<Path, EvaluationBackend> backends;
  private final Consumer<String> log;
  private EvaluationBackend backend;

  /** @param backends makes the backend for a run folder (e.g. {@code dir -> new LocalWorkers(dir, 2)}) */
  public DelegatedEvaluators(Function<Path, EvaluationBackend> backends, Consumer<String> log) {
    this.backends = backends;
    this.log = log;
  }

  /** The worker processes a machine runs by default: as many as its cores allow at the profile's torch threads (at least 1). */
  public static int defaultWorkers(EvaluatorProfile profile) {
    int threads = profile.hasProxy() ? profile.proxy().threads() : 1;
    return Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
  }

  public synchronized List<Evaluator> forRecipe(Recipe recipe, Path runDir, boolean quiet) {
    List<Evaluator> out = new ArrayList<>();
    for (Evaluator e : RecipeEvaluators.forRecipe(recipe, runDir, quiet)) {
      if (!e.trains()) {
        out.add(e);
        continue;
      }
      if (backend == null) {
        backend = backends.apply(runDir);
        log.accept("proxy training on " + backend.describe());
      }
      out.add(new DelegatedProxyEvaluator(template(recipe), backend, new CandidateModels(runDir.resolve(CandidateModels.FOLDER)), log));
    }
    return out;
  }

  /** The request fields of a recipe: its dataset as workers find it, with the driver's fingerprint, and its profile. */
  public static DelegatedProxyEvaluator.Template template(Recipe recipe) {
    Path yaml = RecipeEvaluators.dataYaml(recipe);
    String ref = Recipe.SYNTHETIC.equals(recipe.dataset()) ? Recipe.SYNTHETIC : yaml.toAbsolutePath().normalize().toString();
    String fingerprint = TrainingKeys.datasetFingerprint(yaml, YoloDataset.load(yaml, BadEntryPolicy.SKIP));
    return DelegatedProxyEvaluator.template(EdgenasVersion.current(), recipe.seed(), ref, fingerprint, recipe.profile().file(),
        TrainingKeys.profileHash(recipe.profile(), recipe.imgsz()));
  }

  @Override
  public synchronized void close() {
    if (backend != null) backend.close();
    backend = null;
  }
}
