package org.edgenas.evaluation;

import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Objective;
import org.edgenas.recipe.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.edgenas.common.BadInputException;

/**
 * Assembles the evaluators a recipe needs: the cost model for params/gflops/model_bytes/peak memory,
 * a {@link LatencyPredictor} per device whose latency is an objective or budgeted, and whatever the
 * registered providers add (proxy training, measured latency: plugged in with {@link #register}).
 * Every metric the recipe needs must have an evaluator, otherwise the recipe is refused.
 */
public final class Evaluators {
  private static final List<Function<Recipe, List<Evaluator>>> PROVIDERS = new CopyOnWriteArrayList<>();

  private Evaluators() {}

  /** Adds a provider of evaluators (e.g. proxy training, a device probe) to every later search. */
  public static void register(Function<Recipe, List<Evaluator>> provider) {
    PROVIDERS.add(provider);
  }

  public static List<Evaluator> forRecipe(Recipe recipe) {
    return forRecipe(recipe, List.of());
  }

  /** The built-in evaluators, the registered providers' and {@code extra}; refuses a recipe with a metric none gives. */
  public static List<Evaluator> forRecipe(Recipe recipe, List<Evaluator> extra) {
    List<String> needed = recipe.neededMetrics();
    List<Evaluator> out = new ArrayList<>();
    if (needed.stream().anyMatch(CostModelEvaluator.METRICS::contains)) out.add(new CostModelEvaluator());
    for (DeviceBudget d : recipe.devices().values()) {
      if (needed.contains(Objective.key("latency_ms", d.name()))) out.add(new LatencyPredictor(d.name(), LatencyPredictor.DEFAULT));
    }
    for (var p : PROVIDERS) out.addAll(p.apply(recipe));
    out.addAll(extra);
    for (String key : needed) {
      if (out.stream().noneMatch(e -> e.metrics().contains(key))) {
        throw new BadInputException(recipe.file() + ": objective " + key + " has no evaluator in this build"
            + (key.startsWith("map") ? " (proxy training is not plugged in yet)" : ""));
      }
    }
    return out;
  }
}
