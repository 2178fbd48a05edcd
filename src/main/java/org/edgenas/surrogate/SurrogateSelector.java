package org.edgenas.surrogate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Decides which candidates are worth proxy training in a generation, from their surrogate
 * predictions: first the ones with the highest expected gain (expected improvement of the best
 * accuracy, or expected hypervolume improvement of the front), then the most uncertain of the
 * rest. Candidates not picked keep their surrogate estimate, labelled as such by the caller.
 */
public final class SurrogateSelector {
  /** How much a candidate would improve the current front if its accuracy were {@code accuracy}. */
  @FunctionalInterface
  public interface FrontGain {
    double gain(int candidate, double accuracy);
  }

  /** One chosen candidate: its index in the input list, why it was chosen, and the score used. */
  public record Pick(int index, String reason, double score) {}

  private static final int QUANTILES = 24;
  private final double exploreFraction;
  private final double xi;

  /**
   * @param exploreFraction the share of the budget kept for the most uncertain candidates (0..1);
   *     at least one slot when the budget is 2 or more and the fraction is positive
   * @param xi exploration margin of the expected improvement, in accuracy units (≥ 0)
   */
  public SurrogateSelector(double exploreFraction, double xi) {
    if (!(exploreFraction >= 0 && exploreFraction <= 1)) throw new IllegalArgumentException("exploreFraction must be 0..1, was " + exploreFraction);
    if (!(xi >= 0)) throw new IllegalArgumentException("xi must be >= 0, was " + xi);
    this.exploreFraction = exploreFraction;
    this.xi = xi;
  }

  /** Picks by expected improvement over the best accuracy measured so far, then by uncertainty. */
  public List<Pick> byExpectedImprovement(List<Prediction> predictions, double bestAccuracy, int budget) {
    String best = String.format(Locale.ROOT, "%.4f", bestAccuracy);
    return select(predictions, budget, i -> predictions.get(i).expectedImprovement(bestAccuracy, xi),
        score -> String.format(Locale.ROOT, "expected improvement %.4g of accuracy over the best %s", score, best));
  }

  /**
   * Picks by expected front gain (e.g. hypervolume improvement), the expectation taken over the
   * predictive normal of the accuracy at {@value #QUANTILES} equally likely quantiles, then by
   * uncertainty.
   */
  public List<Pick> byExpectedGain(List<Prediction> predictions, FrontGain gain, int budget) {
    return select(predictions, budget, i -> expectedGain(predictions.get(i), i, gain),
        score -> String.format(Locale.ROOT, "expected hypervolume improvement %.4g", score));
  }

  static double expectedGain(Prediction p, int candidate, FrontGain gain) {
    if (p.stdev() == 0) return gain.gain(candidate, p.mean());
    double sum = 0;
    for (int q = 0; q < QUANTILES; q++) sum += gain.gain(candidate, p.quantile((q + 0.5) / QUANTILES));
    return sum / QUANTILES;
  }

  private List<Pick> select(List<Prediction> predictions, int budget, IntToDoubleFunction score,
      java.util.function.DoubleFunction<String> why) {
    if (budget < 0) throw new IllegalArgumentException("budget must be >= 0, was " + budget);
    int n = predictions.size();
    int explore = budget >= 2 && exploreFraction > 0 ? Math.max(1, (int) Math.round(budget * exploreFraction)) : 0;
    explore = Math.min(explore, budget);
    double[] scores = IntStream.range(0, n).mapToDouble(score).toArray();
    List<Pick> picks = new ArrayList<>();
    boolean[] taken = new boolean[n];
    IntStream.range(0, n).boxed()
        .filter(i -> scores[i] > 0)
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
        .limit(budget - explore)
        .forEach(i -> {
          taken[i] = true;
          picks.add(new Pick(i, why.apply(scores[i]), scores[i]));
        });
    IntStream.range(0, n).boxed()
        .filter(i -> !taken[i] && predictions.get(i).stdev() > 0)
        .sorted(Comparator.comparingDouble((Integer i) -> -predictions.get(i).stdev()).thenComparing(i -> i))
        .limit(budget - picks.size())
        .forEach(i -> picks.add(new Pick(i, String.format(Locale.ROOT,
            "most uncertain of the rest: stdev %.4g", predictions.get(i).stdev()), predictions.get(i).stdev())));
    return List.copyOf(picks);
  }
}
