package org.edgenas.search;

import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.LatencyPredictor;
import org.edgenas.recipe.DeviceBudget;
import org.edgenas.recipe.Recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.edgenas.common.BadInputException;

/**
 * What is known about the budgets before evaluation, from the {@link LatencyPredictor}s.
 *
 * <p>{@link #checkAchievable} runs before a search: it scans the default architecture and a seeded
 * sample of the space and refuses a budget that even the cheapest of them is predicted to miss,
 * quoting that estimate. {@link #passes} is the pre-screen: a candidate predicted over
 * {@value #FACTOR}× a budget is not worth evaluating; the search replaces it ({@link #repair}) by
 * the first of up to {@value #TRIES} fresh random samples that passes, or the one predicted closest
 * to the budgets. Feasibility itself is decided later, by measurement where there is one.
 */
public final class BudgetScreen {
  public static final double FACTOR = 2.0;
  public static final int TRIES = 32;
  static final int SCAN = 256;

  private final GenomeCodec codec;
  private final List<DeviceBudget> budgets;
  private final Map<String, LatencyPredictor> predictors;
  private final Map<String, Double> predictedViolation = new ConcurrentHashMap<>();

  public BudgetScreen(GenomeCodec codec, Recipe recipe, List<Evaluator> evaluators) {
    this.codec = codec;
    this.budgets = recipe.devices().values().stream().filter(DeviceBudget::hasBudget).toList();
    this.predictors = new ConcurrentHashMap<>();
    for (Evaluator e : evaluators) if (e instanceof LatencyPredictor p) predictors.put(p.device(), p);
  }

  /** Refuses the recipe when some budget is predicted out of reach for every scanned architecture. */
  public void checkAchievable(Recipe recipe, RandomGenerator random) {
    List<int[]> scan = new ArrayList<>();
    scan.add(codec.space().defaultPicks());
    for (int i = 0; i < SCAN; i++) scan.add(codec.space().samplePicks(random));
    for (DeviceBudget d : budgets) {
      LatencyPredictor p = predictors.get(d.name());
      if (p == null) continue;
      double best = Double.POSITIVE_INFINITY;
      String bestHash = "";
      for (int[] picks : scan) {
        var decoded = codec.decode(picks);
        double ms = p.predictMs(decoded.architecture(), codec.imgsz());
        if (ms < best) {
          best = ms;
          bestHash = decoded.architecture().hash();
        }
      }
      if (best > d.budgetMs()) {
        throw BadInputException.at(recipe.file(), d.line(), String.format(Locale.ROOT,
            "devices.%s.budget_ms %s cannot be met: the cheapest of %d architectures of %s scanned (%s) is estimated at %.3f ms by the latency predictor",
            d.name(), d.budgetMs(), scan.size(), codec.space().file(), bestHash, best));
      }
    }
  }

  /** The predicted violation of the picks, each budget scaled by {@link #FACTOR}: 0 means it passes. */
  public double predictedViolation(int[] picks) {
    var decoded = codec.decode(picks);
    return predictedViolation.computeIfAbsent(decoded.architecture().hash(), h -> {
      double v = 0;
      for (DeviceBudget d : budgets) {
        LatencyPredictor p = predictors.get(d.name());
        if (p != null) v += Math.max(0, p.predictMs(decoded.architecture(), codec.imgsz()) / (FACTOR * d.budgetMs()) - 1);
      }
      return v;
    });
  }

  public boolean passes(int[] picks) {
    return budgets.isEmpty() || predictedViolation(picks) == 0;
  }

  /** A replacement for picks that fail the pre-screen, drawn from {@code random} (deterministic for a given random). */
  public int[] repair(int[] picks, RandomGenerator random) {
    int[] best = picks;
    double bestViolation = predictedViolation(picks);
    for (int i = 0; i < TRIES && bestViolation > 0; i++) {
      int[] sample = codec.space().samplePicks(random);
      double v = predictedViolation(sample);
      if (v < bestViolation) {
        best = sample;
        bestViolation = v;
      }
    }
    return best;
  }
}
