package org.edgenas.eval.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.edgenas.arch.Architecture;
import org.edgenas.cost.CostModel;
import org.edgenas.cost.CostReport;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.surrogate.ArchitectureFeatures;
import org.edgenas.surrogate.GaussianProcess;
import org.edgenas.surrogate.Kernel;
import org.edgenas.surrogate.Prediction;
import org.edgenas.surrogate.RankAgreement;

/**
 * Benchmark (not a test): how well the search's own accuracy surrogate ranks architectures it never
 * saw trained, when it is fitted on a few proxy-trained ones. The training set is one fidelity pool
 * ({@code train_n} architectures of {@code train_pool_seed}, or of each of several comma-separated seeds, their estimates in the fast column of the
 * TSV files {@code train=F1,F2,…}, merged by hash); the held-out set is another pool ({@code n},
 * {@code pool_seed}, default the synthetic held-out 12 of pool seed 7). The surrogate is exactly the
 * search's ({@code org.edgenas.evaluation.AccuracySurrogate}): a Gaussian process on {@link
 * ArchitectureFeatures}, Matérn 5/2, one length scale. With {@code supernet_train=} and {@code
 * supernet_test=} (supernet estimate TSVs of the two pools) the supernet estimate is one more feature:
 * the supernet corrected by a few trainings ({@code supernet_weight=K}: appended K times, so that
 * under one shared length scale it weighs as K of the other standardised features). Writes the held-out predictions as fidelity TSV rows (the
 * prediction in the fast columns, {@code out=}), so that {@code bench/proxy-fidelity.sh summarize=} and
 * {@code pairs=} score them against the long trainings; with {@code truth=F1,F2} (fidelity TSVs of the
 * held-out pool, e.g. its {@code proxy-fast} estimates) it also prints Kendall τ of the predictions
 * against their fast column. Other arguments: space, imgsz, classes; kernel (RBF or MATERN52), ard
 * (true: one length scale per feature) and evaluations (likelihood evaluations of the fit), to try
 * other fits than the search's.
 */
public final class SurrogateFidelityBenchmark {
  private SurrogateFidelityBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = ProxyFidelityBenchmark.options(args);
    int imgsz = Integer.parseInt(o.getOrDefault("imgsz", "96"));
    int copies = Integer.parseInt(o.getOrDefault("supernet_weight", "1")); // with one length scale: its weight in the distance
    SearchSpace space = SpaceLoader.load(Path.of(o.getOrDefault("space", "spaces/yolo-lite.yaml")),
        Integer.parseInt(o.getOrDefault("classes", "8")));
    List<Architecture> train = new ArrayList<>();
    for (String seed : o.getOrDefault("train_pool_seed", "11").split(",")) {
      train.addAll(ProxyFidelityBenchmark.spreadBySize(space, Integer.parseInt(o.getOrDefault("train_n", "32")), imgsz, Long.parseLong(seed)));
    }
    List<Architecture> test = ProxyFidelityBenchmark.spreadBySize(space, Integer.parseInt(o.getOrDefault("n", "12")), imgsz,
        Long.parseLong(o.getOrDefault("pool_seed", "7")));
    Map<String, Double> labels = fastColumn(required(o, "train"));
    Map<String, Double> snTrain = o.containsKey("supernet_train") ? fastColumn(o.get("supernet_train")) : null;
    Map<String, Double> snTest = o.containsKey("supernet_test") ? fastColumn(o.get("supernet_test")) : null;
    if ((snTrain == null) != (snTest == null)) throw new IllegalArgumentException("give both supernet_train= and supernet_test=, or neither");

    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (Architecture a : train) {
      Double label = labels.get(a.hash());
      if (label == null) continue; // not (yet) trained: the surrogate sees only what was
      x.add(features(a, imgsz, snTrain, copies));
      y.add(label);
    }
    if (x.size() < 4) throw new IllegalArgumentException("only " + x.size() + " training architectures have an estimate in " + o.get("train"));
    GaussianProcess gp = GaussianProcess.fit(x.toArray(double[][]::new), y.stream().mapToDouble(Double::doubleValue).toArray(),
        new GaussianProcess.Options(Kernel.valueOf(o.getOrDefault("kernel", "MATERN52")), Boolean.parseBoolean(o.getOrDefault("ard", "false")),
            Integer.parseInt(o.getOrDefault("evaluations", "300"))));
    System.out.printf(Locale.ROOT, "surrogate: Gaussian process on %d proxy-trained architectures, %d features%s%n", x.size(),
        x.getFirst().length, snTrain == null ? "" : " (the supernet estimate among them)");
    Path out = o.containsKey("out") ? Path.of(o.get("out")) : null;
    if (out != null && !Files.exists(out)) Files.writeString(out, ProxyFidelityBenchmark.HEADER + "\n");
    System.out.println(ProxyFidelityBenchmark.HEADER);
    Map<String, Double> truth = o.containsKey("truth") ? fastColumn(o.get("truth")) : Map.of();
    List<double[]> pairs = new ArrayList<>(); // prediction, truth; and the supernet estimate alone
    for (Architecture a : test) {
      Prediction p = gp.predict(features(a, imgsz, snTest, copies));
      if (truth.containsKey(a.hash())) {
        pairs.add(new double[] {p.mean(), truth.get(a.hash()), snTest == null ? Double.NaN : snTest.get(a.hash())});
      }
      CostReport cost = CostModel.of(a.lower(imgsz));
      String row = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%s\t%.4f\tNaN\t0.0\tNaN\tNaN\tNaN", a.hash(), cost.params(), cost.gflops(),
          ProxyFidelityBenchmark.kinds(a), p.mean());
      System.out.println(row + "\t# ± " + String.format(Locale.ROOT, "%.4f", p.stdev()));
      if (out != null) Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
    }
    if (!pairs.isEmpty()) {
      double[] predicted = pairs.stream().mapToDouble(r -> r[0]).toArray();
      double[] actual = pairs.stream().mapToDouble(r -> r[1]).toArray();
      System.out.printf(Locale.ROOT, "Kendall tau of the surrogate against the fast column of %s: %.3f over %d architectures%n",
          o.get("truth"), RankAgreement.kendallTau(predicted, actual).orElse(Double.NaN), pairs.size());
      if (snTest != null) {
        System.out.printf(Locale.ROOT, "Kendall tau of the supernet estimate alone against it: %.3f%n",
            RankAgreement.kendallTau(pairs.stream().mapToDouble(r -> r[2]).toArray(), actual).orElse(Double.NaN));
      }
    }
  }

  private static double[] features(Architecture a, int imgsz, Map<String, Double> supernet, int copies) {
    double[] f = ArchitectureFeatures.of(a, CostModel.of(a, imgsz));
    if (supernet == null) return f;
    Double s = supernet.get(a.hash());
    if (s == null) throw new IllegalArgumentException("no supernet estimate of " + a.hash());
    double[] g = Arrays.copyOf(f, f.length + copies);
    Arrays.fill(g, f.length, g.length, s);
    return g;
  }

  private static Map<String, Double> fastColumn(String files) throws Exception {
    return ProxyFidelityBenchmark.mergedColumn(files.split(","), 4);
  }

  private static String required(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null) throw new IllegalArgumentException(key + "= is required (fidelity TSV files of the training pool)");
    return v;
  }
}
