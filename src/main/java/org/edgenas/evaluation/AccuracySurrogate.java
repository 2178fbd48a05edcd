package org.edgenas.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.edgenas.arch.Architecture;
import org.edgenas.cost.CostModel;
import org.edgenas.space.SearchSpace;
import org.edgenas.surrogate.ArchitectureFeatures;
import org.edgenas.surrogate.GaussianProcess;
import org.edgenas.surrogate.Prediction;
import org.edgenas.surrogate.RankAgreement;
import org.edgenas.surrogate.SurrogateSelector;

/**
 * Decides which candidates of a generation are worth proxy training. A Gaussian process fitted on
 * every architecture proxy-trained in EARLIER generations (so a resumed generation decides the
 * same) predicts each new candidate's mAP with its uncertainty; the candidates with the highest
 * expected improvement, and the most uncertain ones, are trained up to the budget; the others
 * carry the prediction, labelled an estimate. With fewer than {@link #MIN_POINTS} trained
 * architectures there is no surrogate yet and every candidate is trained.
 */
public final class AccuracySurrogate {
  public static final String METRIC = "map50_95";
  public static final String PREDICTION = "surrogate_map50_95";
  static final int MIN_POINTS = 4;

  /** The decision for one generation. */
  record Plan(Set<String> train, Map<String, Prediction> predictions, int points) {}

  private final SearchSpace space;
  private final int imgsz;
  private final Map<String, double[]> features = new HashMap<>();

  AccuracySurrogate(SearchSpace space, int imgsz) {
    this.space = space;
    this.imgsz = imgsz;
  }

  Plan plan(List<Candidate> needing, List<Evaluation> history, long generation, int budget) {
    List<Evaluation> data = trained(history, generation);
    Map<String, Prediction> predictions = new HashMap<>();
    if (data.size() < MIN_POINTS) {
      Set<String> all = new LinkedHashSet<>();
      needing.forEach(c -> all.add(c.hash()));
      return new Plan(all, predictions, data.size());
    }
    GaussianProcess gp = fit(data);
    List<Prediction> list = new ArrayList<>();
    for (Candidate c : needing) {
      Prediction p = gp.predict(featuresOf(c.hash(), c.architecture()));
      predictions.put(c.hash(), p);
      list.add(p);
    }
    double best = data.stream().mapToDouble(e -> e.values().get(METRIC).value()).max().orElse(0);
    Set<String> train = new LinkedHashSet<>();
    for (SurrogateSelector.Pick pick : new SurrogateSelector(0.34, 0.01).byExpectedImprovement(list, best, budget)) {
      train.add(needing.get(pick.index()).hash());
    }
    return new Plan(train, predictions, data.size());
  }

  /** Kendall τ between predicted and proxy-trained mAP of this generation's trained candidates (held out). */
  static OptionalDouble fidelity(List<Evaluation> generationResults) {
    List<Evaluation> both = generationResults.stream()
        .filter(e -> e.values().containsKey(PREDICTION) && measured(e)).toList();
    double[] predicted = both.stream().mapToDouble(e -> e.values().get(PREDICTION).value()).toArray();
    double[] actual = both.stream().mapToDouble(e -> e.values().get(METRIC).value()).toArray();
    return RankAgreement.kendallTau(predicted, actual);
  }

  static Measure estimate(Prediction p, int points) {
    return new Measure(Math.max(0, p.mean()), Kind.ESTIMATE, String.format(Locale.ROOT,
        "surrogate estimate (Gaussian process on %d proxy-trained architectures): %.4f ± %.4f, not trained", points,
        p.mean(), p.stdev()));
  }

  static Measure prediction(Prediction p, int points) {
    return new Measure(p.mean(), Kind.ESTIMATE, String.format(Locale.ROOT,
        "surrogate prediction before training (Gaussian process on %d architectures): ± %.4f", points, p.stdev()));
  }

  private GaussianProcess fit(List<Evaluation> data) {
    double[][] x = new double[data.size()][];
    double[] y = new double[data.size()];
    for (int i = 0; i < data.size(); i++) {
      Evaluation e = data.get(i);
      x[i] = featuresOf(e.hash(), space.freeze(e.picks()));
      y[i] = e.values().get(METRIC).value();
    }
    return GaussianProcess.fit(x, y, new GaussianProcess.Options(GaussianProcess.Options.DEFAULT.kernel(), false, 300));
  }

  private static List<Evaluation> trained(List<Evaluation> history, long generation) {
    return history.stream().filter(e -> e.ok() && e.generation() < generation && measured(e))
        .sorted(Comparator.comparing(Evaluation::hash)).toList();
  }

  static boolean measured(Evaluation e) {
    Measure m = e.values().get(METRIC);
    return m != null && m.kind() == Kind.MEASURED;
  }

  private double[] featuresOf(String hash, Architecture arch) {
    return features.computeIfAbsent(hash, h -> ArchitectureFeatures.of(arch, CostModel.of(arch, imgsz)));
  }
}
