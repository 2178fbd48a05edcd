package org.edgenas.worker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.edgenas.common.BadInputException;
import org.edgenas.common.EdgenasVersion;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.CandidateModels;
import org.edgenas.eval.ProxyEvaluator;
import org.edgenas.eval.RecipeEvaluators;
import org.edgenas.eval.TrainingKeys;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.profile.EvaluatorProfile;
import org.edgenas.recipe.Recipe;
import org.edgenas.train.ProgressListener;

/**
 * The measuring evaluators of a recipe ({@link RecipeEvaluators}) with proxy training where the
 * recipe says: its {@code cluster:}, else its {@code workers:} processes of this machine (by default
 * {@link #defaultWorkers}), else, for one worker, this process. A profile with {@code init:} (a
 * checkpoint start) trains in this process; naming workers or a cluster with it is refused. Plugged into a search like {@code
 * RecipeEvaluators.forRecipe}; the delegating evaluator owns its backend and closes it when the
 * search closes its evaluators.
 */
public final class DelegatedEvaluators {
  private DelegatedEvaluators() {}

  /** The recipe's evaluators, proxy training on the backend the recipe names; {@code log} hears where and of retries. */
  public static List<Evaluator> forRecipe(Recipe recipe, Path runDir, Function<String, ProgressListener> training, Consumer<String> log) {
    if (recipe.profile().init() != null && (recipe.cluster() != null || recipe.workers() > 1)) {
      // the checkpoint is named relative to the profile's folder, which a worker does not have
      throw new BadInputException(recipe.file() + ": the profile " + recipe.profile().file() + " starts trainings from a checkpoint"
          + " (init:), which worker processes and clusters do not support yet; drop workers:/cluster: from the recipe");
    }
    return withBackend(recipe, runDir, training, () -> backendFor(recipe, runDir, log), log);
  }

  /** The recipe's evaluators with proxy training on the backend {@code backend} makes (null: this process). */
  public static List<Evaluator> withBackend(Recipe recipe, Path runDir, Function<String, ProgressListener> training,
      java.util.function.Supplier<EvaluationBackend> backend, Consumer<String> log) {
    List<Evaluator> base = RecipeEvaluators.forRecipe(recipe, runDir, training);
    if (base.stream().noneMatch(DelegatedEvaluators::proxyTraining)) return base;
    EvaluationBackend b = backend.get();
    if (b == null) return base;
    log.accept("proxy training on " + b.describe());
    List<Evaluator> out = new ArrayList<>();
    for (Evaluator e : base) {
      if (!proxyTraining(e)) {
        out.add(e);
        continue;
      }
      e.close();
      out.add(new DelegatedProxyEvaluator(template(recipe), b, new CandidateModels(runDir.resolve(CandidateModels.FOLDER)), log,
          training));
    }
    return out;
  }

  /** A proxy evaluator that trains (a supernet estimate inherits its weights in the driver and stays there). */
  private static boolean proxyTraining(Evaluator e) {
    return e instanceof ProxyEvaluator && e.trains();
  }

  private static EvaluationBackend backendFor(Recipe recipe, Path runDir, Consumer<String> log) {
    if (recipe.profile().init() != null) return null;
    if (recipe.cluster() != null) return new TemporalBackend(recipe.cluster(), TemporalBackend.runKey(runDir), log);
    int n = recipe.workers() > 0 ? recipe.workers() : defaultWorkers(recipe.profile());
    return n > 1 ? new LocalWorkers(runDir, n) : null;
  }

  /** The memory one worker process is given room for: its 2 GB heap and the native memory of PyTorch and ONNX Runtime. */
  static final long BYTES_PER_WORKER = 3L << 30;

  /**
   * The worker processes a machine runs by default: as many as its cores allow at the profile's
   * torch threads and its memory at {@link #BYTES_PER_WORKER} each (at least 1).
   */
  public static int defaultWorkers(EvaluatorProfile profile) {
    int threads = profile.hasProxy() ? profile.proxy().threads() : 1;
    int byCores = Runtime.getRuntime().availableProcessors() / threads;
    long memory = java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : Long.MAX_VALUE;
    return (int) Math.max(1, Math.min(byCores, memory / BYTES_PER_WORKER));
  }

  /** The request fields of a recipe: its dataset as workers find it, with the driver's fingerprint, and its profile. */
  public static DelegatedProxyEvaluator.Template template(Recipe recipe) {
    Path yaml = RecipeEvaluators.dataYaml(recipe);
    String ref = Recipe.SYNTHETIC.equals(recipe.dataset()) ? Recipe.SYNTHETIC : yaml.toAbsolutePath().normalize().toString();
    String fingerprint = TrainingKeys.datasetFingerprint(yaml, YoloDataset.load(yaml, BadEntryPolicy.SKIP));
    return DelegatedProxyEvaluator.template(EdgenasVersion.current(), recipe.seed(), ref, fingerprint, recipe.profile().file(),
        TrainingKeys.profileHash(recipe.profile(), recipe.imgsz()));
  }
}
