package org.edgenas.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.BiFunction;
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
  private final BiFunction<Recipe, Path, EvaluationBackend> backends;
  private final Consumer<String> log;
  private EvaluationBackend backend;

  /**
   * @param backends makes the backend for a recipe and its run folder (e.g. {@code (recipe, dir) -> new
   *     LocalWorkers(dir, 2)}); null keeps proxy training in this process
   */
  public DelegatedEvaluators(BiFunction<Recipe, Path, EvaluationBackend> backends, Consumer<String> log) {
    this.backends = backends;
    this.log = log;
  }

  /**
   * The backends recipes name: a recipe's {@code cluster:}, else its {@code workers:} processes of
   * this machine (by default {@link #defaultWorkers}), else, for one worker, this process.
   */
  public static DelegatedEvaluators ofRecipes(Consumer<String> log) {
    return new DelegatedEvaluators((recipe, dir) -> {
      if (recipe.cluster() != null) return new TemporalBackend(recipe.cluster(), TemporalBackend.runKey(dir), log);
      int n = recipe.workers() > 0 ? recipe.workers() : defaultWorkers(recipe.profile());
      return n > 1 ? new LocalWorkers(dir, n) : null;
    }, log);
  }

  /** The worker processes a machine runs by default: as many as its cores allow at the profile's torch threads (at least 1). */
  public static int defaultWorkers(EvaluatorProfile profile) {
    int threads = profile.hasProxy() ? profile.proxy().threads() : 1;
    return Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
  }

  /** The recipe's measuring evaluators, its proxy training sent to the backend (made on first use) unless that is this process. */
  public synchronized List<Evaluator> forRecipe(Recipe recipe, Path runDir, boolean quiet) {
    List<Evaluator> base = RecipeEvaluators.forRecipe(recipe, runDir, quiet);
    if (base.stream().noneMatch(Evaluator::trains)) return base;
    if (backend == null) {
      backend = backends.apply(recipe, runDir);
      if (backend == null) return base;
      log.accept("proxy training on " + backend.describe());
    }
    List<Evaluator> out = new ArrayList<>();
    for (Evaluator e : base) {
      out.add(e.trains() ? new DelegatedProxyEvaluator(template(recipe), backend, new CandidateModels(runDir.resolve(CandidateModels.FOLDER)), log) : e);
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
