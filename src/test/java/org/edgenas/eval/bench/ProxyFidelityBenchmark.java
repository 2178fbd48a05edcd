package org.edgenas.eval.bench;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Network;
import org.edgenas.cost.CostModel;
import org.edgenas.data.BadEntryPolicy;
import org.edgenas.data.ImageCache;
import org.edgenas.data.SynthOptions;
import org.edgenas.data.SyntheticDataset;
import org.edgenas.data.YoloDataset;
import org.edgenas.eval.DatasetBatchSource;
import org.edgenas.eval.OnnxValidator;
import org.edgenas.metrics.CocoMetrics;
import org.edgenas.metrics.NmsSettings;
import org.edgenas.onnx.ExportOptions;
import org.edgenas.onnx.OnnxExporter;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;
import org.edgenas.surrogate.RankAgreement;
import org.edgenas.profile.ProxySettings;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.train.ProxyTrainer;
import org.edgenas.train.TrainingResult;

/**
 * Benchmark (not a test): how well a short proxy training ranks architectures. N architectures of
 * different size and kind are drawn from a space (a seeded pool, sorted by parameters, N picked at
 * evenly spaced quantiles), proxy-trained with the fast profile and with the long one (shipped:
 * {@code evaluators/proxy-fast.yaml} and {@code proxy-long.yaml}, 10× the training images), each scored as the
 * mAP50-95 and mAP50 of its exported ONNX on the synthetic val split. Prints both rankings, Kendall τ
 * between them and the wall time per architecture and profile. Arguments are {@code key=value}:
 * space, n, fast and long (profile files; long=none: fast runs only), imgsz (overrides both
 * profiles' image size), classes, train and val (synthetic classes, default 4, and images), seeds
 * (fast estimates averaged, run k at the profile's seed + k·S where S is the profile's own {@code seeds}, each
 * estimate the mean of its S trainings as in a search; seeds=0: a long-only run), shard
 * (i/m: architectures i, i+m, … so that m JVMs share the cores), out (a TSV file the rows are appended to), reuse (TSV files of an
 * earlier run with the same long profile: their long results are taken by hash instead of
 * training again, so fast variants are cheap to compare), long_seed and fast_seed (added to the
 * long and the fast profile's seed), seed_per_architecture=1 (each architecture's fast trainings also
 * offset by a seed from its hash, so their initial weights and batch order differ as in a search; default:
 * every architecture sees the same batches), pool_seed (the seed of the architecture pool, default 2026:
 * another seed draws a held-out set), list=1 (print the picked architectures and stop), only (a
 * comma-separated list of hashes: train only those of the picked architectures), curves (a
 * file each training appends its loss curve to, in tenths of the steps), extra_val and out_extra
 * (every trained model is also scored on a synthetic val split of extra_val images, the same train
 * images; those rows go to the TSV out_extra: how much of the seed noise is the val set's), data
 * (a data.yaml to train and score on instead of the synthetic set, e.g. COCO128), extra_data and
 * out_extra (every trained model is also scored on that data.yaml's val split, e.g. one whose val
 * is the train images: rows to out_extra).
 * {@code summarize=F1,F2,…} only reads TSV files and prints τ over their rows that have both a fast
 * and a long score, merging rows of the same architecture (each number averaged over the runs that
 * have it); {@code versus=A1,A2|B1,B2} prints τ between the long results of two such groups (two
 * seeds of the long profile: the ceiling any fast profile can reach against one of them);
 * {@code sweep=F1,… against=L1,…} prints τ per fast-profile variant of a device sweep
 * ({@code bench/device/README.md}) against merged long results. {@code reliability=F0a,F0b|F1|F2
 * against=L0a,L0b|L1a,L1b} takes one group of files per seed of each profile and prints how far each
 * agrees with itself across seeds and the estimated agreement without seed noise ({@link SeedReliability});
 * {@code pairs=E1,E2 against=L0a,L0b|L1a,L1b|L2} scores an estimate (its fast column, files merged)
 * on the pairs of architectures every long seed orders alike and on the rest ({@link ReliablePairs});
 * wherever files are read, {@code SWEEP#VARIANT:SEED} names one variant's seed in a device sweep file.
 * {@code agreement=E1,E2|F1,F2} prints τ between two estimates (their fast columns) and each one's τ
 * against GFLOPs.
 * {@code tse=CURVES rows=R1,R2 out=OUT [from_tenth=6]} writes fidelity rows whose estimate is the
 * training-speed score of a {@code curves=} file (minus the mean training loss over tenths
 * {@code from_tenth}–10; {@link TrainingSpeedScores}), the other columns from the run's own rows.
 */
public final class ProxyFidelityBenchmark {
  static final String HEADER = "hash\tparams\tgflops\tkind\tfast_map\tfast_map50\tfast_s\tlong_map\tlong_map50\tlong_s";

  private ProxyFidelityBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    if (o.containsKey("summarize")) {
      summarize(o.get("summarize").split(","));
      return;
    }
    if (o.containsKey("sweep")) {
      sweep(o.get("sweep").split(","), o.get("against").split(","));
      return;
    }
    if (o.containsKey("versus")) {
      versus(o.get("versus").split("\\|"));
      return;
    }
    if (o.containsKey("pairs")) {
      pairs(o.get("pairs").split(","), o.get("against").split("\\|"));
      return;
    }
    if (o.containsKey("agreement")) {
      agreement(o.get("agreement").split("\\|"));
      return;
    }
    if (o.containsKey("tse")) {
      if (!o.containsKey("rows") || !o.containsKey("out")) {
        throw new IllegalArgumentException("tse=CURVES needs rows= (the TSV rows of the run that wrote the curves) and out= (the file to write)");
      }
      trainingSpeed(Path.of(o.get("tse")), o.get("rows").split(","), Integer.parseInt(o.getOrDefault("from_tenth", "6")),
          Path.of(o.get("out")));
      return;
    }
    if (o.containsKey("reliability")) {
      reliability(o.get("reliability").split("\\|"), o.get("against").split("\\|"));
      return;
    }
    Path spaceFile = Path.of(o.getOrDefault("space", "spaces/yolo-lite.yaml"));
    int n = Integer.parseInt(o.getOrDefault("n", "12"));
    ProxySettings fastProfile = EvaluatorProfiles.loadProxy(Path.of(o.getOrDefault("fast", "evaluators/proxy-fast.yaml")));
    String longFile = o.getOrDefault("long", "evaluators/proxy-long.yaml");
    boolean skipLong = longFile.equals("none");
    ProxySettings longProfile = skipLong ? fastProfile : EvaluatorProfiles.loadProxy(Path.of(longFile));
    if (o.containsKey("imgsz")) {
      fastProfile = fastProfile.withImgsz(Integer.parseInt(o.get("imgsz")));
      longProfile = longProfile.withImgsz(Integer.parseInt(o.get("imgsz")));
    }
    int imgsz = fastProfile.imgsz();
    if (longProfile.imgsz() != imgsz) throw new IllegalArgumentException("the fast and long profiles train at different sizes");
    int seeds = Integer.parseInt(o.getOrDefault("seeds", "1"));
    longProfile = longProfile.withSeed(longProfile.seed() + Integer.parseInt(o.getOrDefault("long_seed", "0")));
    fastProfile = fastProfile.withSeed(fastProfile.seed() + Integer.parseInt(o.getOrDefault("fast_seed", "0")));
    String[] shard = o.getOrDefault("shard", "0/1").split("/");
    int shardIndex = Integer.parseInt(shard[0]), shards = Integer.parseInt(shard[1]);
    SynthOptions synth = new SynthOptions(Integer.parseInt(o.getOrDefault("classes", "4")), Integer.parseInt(o.getOrDefault("train", "1024")),
        Integer.parseInt(o.getOrDefault("val", "256")), 160, 0);
    Path out = o.containsKey("out") ? Path.of(o.get("out")) : null;
    Path curves = o.containsKey("curves") ? Path.of(o.get("curves")) : null;
    Map<String, String[]> reused = new LinkedHashMap<>();
    if (o.containsKey("reuse")) for (String[] r : rows(o.get("reuse").split(","))) reused.put(r[0], r);

    Path yaml = o.containsKey("data") ? Path.of(o.get("data")) : SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), synth);
    YoloDataset ds = YoloDataset.load(yaml, BadEntryPolicy.SKIP);
    SearchSpace space = SpaceLoader.load(spaceFile, ds.names().size());
    long poolSeed = Long.parseLong(o.getOrDefault("pool_seed", "2026"));
    List<Architecture> archs = spreadBySize(space, n, imgsz, poolSeed);
    if (o.containsKey("only")) {
      List<String> only = List.of(o.get("only").split(","));
      archs = archs.stream().filter(a -> only.contains(a.hash())).toList();
    }
    if (o.containsKey("list")) {
      for (Architecture a : archs) System.out.println(a.hash() + "\t" + CostModel.of(a.lower(imgsz)).params() + "\t" + kinds(a));
      return;
    }
    ImageCache cache = new ImageCache();
    OnnxValidator validator = new OnnxValidator(NmsSettings.ULTRALYTICS_VAL, 1);
    Path tmp = Files.createTempDirectory("edgenas-fidelity");
    System.out.printf(Locale.ROOT, "%s, %d architectures (shard %d/%d), imgsz %d; fast: %s; long: %s; fast averaged over %d run(s); %s%n",
        spaceFile, n, shardIndex, shards, imgsz, describe(fastProfile), skipLong ? "none" : describe(longProfile), seeds,
        o.containsKey("data") ? yaml + " (" + ds.names().size() + " classes, " + ds.train().size() + " train / " + ds.val().size() + " val images)"
            : String.format(Locale.ROOT, "synthetic %d classes, %d train / %d val", synth.classes(), synth.train(), synth.val()));
    System.out.println(HEADER);
    List<YoloDataset> vals = new ArrayList<>(List.of(ds));
    List<Path> outs = new ArrayList<>(Collections.singletonList(out));
    if (o.containsKey("extra_val")) {
      SynthOptions extra = new SynthOptions(synth.classes(), synth.train(), Integer.parseInt(o.get("extra_val")), synth.imageSize(),
          synth.seed());
      vals.add(YoloDataset.load(SyntheticDataset.ensureBuiltin(SyntheticDataset.defaultCacheDir(), extra), BadEntryPolicy.SKIP));
      outs.add(Path.of(o.get("out_extra")));
      System.out.println("# every model also scored on " + extra.val() + " val images (same train images), rows to " + outs.get(1));
    }
    if (o.containsKey("extra_data")) {
      vals.add(YoloDataset.load(Path.of(o.get("extra_data")), BadEntryPolicy.SKIP));
      outs.add(Path.of(o.get("out_extra")));
      System.out.println("# every model also scored on the val split of " + o.get("extra_data") + ", rows to " + outs.getLast());
    }
    for (Path f : outs) if (f != null && !Files.exists(f)) Files.writeString(f, HEADER + "\n");
    boolean perArchitecture = o.getOrDefault("seed_per_architecture", "0").equals("1");
    for (int i = shardIndex; i < archs.size(); i += shards) {
      Architecture arch = archs.get(i);
      Network net = arch.lower(imgsz);
      double[] fastMap = filled(vals.size(), seeds == 0 ? Double.NaN : 0), fastMap50 = filled(vals.size(), seeds == 0 ? Double.NaN : 0);
      long t0 = System.nanoTime();
      // as a search seeds each architecture's training apart (weights and batch order), or all alike (the default)
      long archSeed = perArchitecture ? Math.floorMod(Long.parseUnsignedLong(arch.hash(), 16), 1_000_003L) * 64 : 0;
      for (int run = 0; run < seeds; run++) {
        addEstimate(fastMap, fastMap50, 1.0 / seeds, fastProfile.withSeed(fastProfile.seed() + archSeed + (long) run * fastProfile.seeds()),
            net, ds, vals, cache, validator, tmp, curves, arch.hash());
      }
      double fastSeconds = seeds == 0 ? Double.NaN : (System.nanoTime() - t0) / 1e9 / seeds;
      String[] earlier = reused.get(arch.hash());
      double[] longMap = filled(vals.size(), Double.NaN), longMap50 = filled(vals.size(), Double.NaN);
      double longSeconds = Double.NaN;
      if (skipLong) {
        // fast runs only
      } else if (earlier != null) { // reused results exist for the first val set only
        longMap[0] = Double.parseDouble(earlier[7]);
        longMap50[0] = Double.parseDouble(earlier[8]);
        longSeconds = Double.parseDouble(earlier[9]);
      } else {
        t0 = System.nanoTime();
        Arrays.fill(longMap, 0);
        Arrays.fill(longMap50, 0);
        addEstimate(longMap, longMap50, 1, longProfile, net, ds, vals, cache, validator, tmp, curves, arch.hash());
        longSeconds = (System.nanoTime() - t0) / 1e9;
      }
      var cost = CostModel.of(net);
      for (int v = 0; v < vals.size(); v++) {
        String row = String.format(Locale.ROOT, "%s\t%d\t%.4f\t%s\t%.4f\t%.4f\t%.1f\t%.4f\t%.4f\t%.1f", arch.hash(), cost.params(),
            cost.gflops(), kinds(arch), fastMap[v], fastMap50[v], fastSeconds, longMap[v], longMap50[v], longSeconds);
        if (v == 0) System.out.println(row);
        if (outs.get(v) != null) Files.writeString(outs.get(v), row + "\n", StandardOpenOption.APPEND);
      }
    }
  }

  /** A benchmark's {@code key=value} arguments, in order. */
  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) throw new IllegalArgumentException("arguments are key=value, was " + a);
      o.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return o;
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }

  /** A seeded pool of distinct architectures sorted by parameters; n of them at evenly spaced quantiles. */
  static List<Architecture> spreadBySize(SearchSpace space, int n, int imgsz, long poolSeed) {
    SplittableRandom random = new SplittableRandom(poolSeed);
    Map<String, Architecture> pool = new LinkedHashMap<>();
    for (int tries = 0; pool.size() < 20 * n && tries < 1000 * n; tries++) {
      Architecture a = space.freeze(space.samplePicks(random)).uncompressed();
      pool.putIfAbsent(a.hash(), a);
    }
    List<Architecture> sorted = new ArrayList<>(pool.values());
    sorted.sort(Comparator.comparingLong((Architecture a) -> CostModel.of(a.lower(imgsz)).params()).thenComparing(Architecture::hash));
    List<Architecture> picked = new ArrayList<>();
    for (int i = 0; i < n; i++) picked.add(sorted.get((int) Math.round(i * (sorted.size() - 1) / (double) Math.max(1, n - 1))));
    return picked;
  }

  static String kinds(Architecture arch) {
    return arch.layers().stream().filter(l -> l.name().matches("s[2-5]")).map(l -> l.kind().name()).reduce((a, b) -> a + "/" + b)
        .orElse("-");
  }

  /**
   * Adds {@code weight} times one estimate of {@code p} (the mean of its trainings' scores, as a
   * search takes it) to {@code map} and {@code map50}, per val set.
   */
  private static void addEstimate(double[] map, double[] map50, double weight, ProxySettings p, Network net, YoloDataset ds,
      List<YoloDataset> vals, ImageCache cache, OnnxValidator validator, Path tmp, Path curves, String hash) throws Exception {
    List<ProxySettings> trainings = p.replicas();
    for (ProxySettings training : trainings) {
      List<CocoMetrics> m = trainAndScore(net, training, ds, vals, cache, validator, tmp, curves, hash);
      for (int v = 0; v < vals.size(); v++) {
        map[v] += weight * m.get(v).ap() / trainings.size();
        map50[v] += weight * m.get(v).ap50() / trainings.size();
      }
    }
  }

  private static String describe(ProxySettings p) {
    return String.format(Locale.ROOT, "%s %s %d steps x batch %d, lr0 %s, warm-up %d%s", p.name(), p.optimizer().key(), p.steps(),
        p.batch(), p.lr0(), p.warmupSteps(), p.seeds() == 1 ? "" : ", the mean of " + p.seeds() + " seeds");
  }

  /**
   * Trains one architecture on {@code ds}'s train split and scores it on the val split of each of
   * {@code vals}; with {@code curves} set, appends a line to it: hash, profile, seed, steps, mAP50-95
   * (first val set), then the mean training loss over each tenth of the steps.
   */
  private static List<CocoMetrics> trainAndScore(Network net, ProxySettings p, YoloDataset ds, List<YoloDataset> vals,
      ImageCache cache, OnnxValidator validator, Path tmp, Path curves, String hash) throws Exception {
    TrainingResult result;
    try (NDManager manager = NDManager.newBaseManager()) {
      result = new ProxyTrainer(p, manager).train(net, p.initialWeights(net, p.seed()), new DatasetBatchSource(ds.train(), p, cache),
          x -> {});
    } catch (IllegalStateException diverged) {
      System.out.println("# " + diverged.getMessage() + " (scored as mAP 0)");
      return Collections.nCopies(vals.size(), new CocoMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of()));
    }
    Path file = tmp.resolve("m.onnx");
    Files.write(file, OnnxExporter.export(net, result.weights(), ExportOptions.defaults()));
    List<CocoMetrics> scored = new ArrayList<>();
    for (YoloDataset v : vals) scored.add(validator.evaluate(file, v.val(), v.names()).metrics());
    CocoMetrics metrics = scored.getFirst();
    if (curves != null) {
      Files.writeString(curves, TrainingSpeedScores.curveLine(hash, p, metrics.ap(), result) + "\n", StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    return scored;
  }

  /**
   * The benchmark rows of TSV files. A name {@code SWEEP#VARIANT:SEED} stands for the rows of one
   * variant and fast seed in a device sweep file (its two leading columns dropped), so that one seed
   * of a sweep can be a group of its own.
   */
  private static List<String[]> rows(String[] files) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String f : files) {
      int cut = f.lastIndexOf('#');
      String[] pick = cut < 0 ? null : f.substring(cut + 1).split(":", 2);
      if (pick != null && pick.length != 2) {
        throw new IllegalArgumentException(f + ": expected SWEEP_FILE#VARIANT:SEED after '#', e.g. sweep.tsv#proxy-fast:3");
      }
      for (String line : Files.readAllLines(Path.of(cut < 0 ? f : f.substring(0, cut)))) {
        if (line.startsWith("hash") || line.startsWith("variant") || line.startsWith("#")) continue;
        String[] r = line.split("\t");
        if (pick == null) {
          rows.add(r);
        } else if (r[0].equals(pick[0]) && r[1].equals(pick[1])) {
          rows.add(Arrays.copyOfRange(r, 2, r.length));
        }
      }
    }
    return rows;
  }

  /**
   * Rows of several runs of the same architectures (other seeds, fast-only or long-only runs)
   * merged by hash: every numeric column averaged over the runs where it is a number.
   */
  static List<String[]> merged(String[] files) throws IOException {
    Map<String, List<String[]>> byHash = new LinkedHashMap<>();
    for (String[] r : rows(files)) byHash.computeIfAbsent(r[0], h -> new ArrayList<>()).add(r);
    List<String[]> out = new ArrayList<>();
    for (List<String[]> runs : byHash.values()) {
      String[] m = runs.getFirst().clone();
      for (int c = 4; c < m.length; c++) {
        final int col = c;
        double mean = runs.stream().mapToDouble(r -> Double.parseDouble(r[col])).filter(Double::isFinite).average().orElse(Double.NaN);
        m[c] = String.format(Locale.ROOT, c == 6 || c == 9 ? "%.1f" : "%.4f", mean);
      }
      out.add(m);
    }
    return out;
  }

  /** Fidelity rows whose estimate is the training-speed score of {@code curves} ({@link TrainingSpeedScores}). */
  private static void trainingSpeed(Path curves, String[] rowFiles, int fromTenth, Path out) throws IOException {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.addAll(TrainingSpeedScores.asFidelityRows(rows(rowFiles), TrainingSpeedScores.read(curves, fromTenth), curves));
    Files.write(out, lines);
    System.out.printf(Locale.ROOT, "%d training-speed rows (minus the mean loss of tenths %d-10 of %s) written to %s%n",
        lines.size() - 1, fromTenth, curves, out);
  }

  /**
   * τ between two estimates of the same architectures (each group's files merged, their {@code fast_map}
   * columns), and each estimate's τ against GFLOPs: how far two cheap estimators agree, and how much of
   * each is size.
   */
  private static void agreement(String[] groups) throws IOException {
    if (groups.length != 2) throw new IllegalArgumentException("agreement= takes two groups of TSV files, E1,E2|F1,F2; was " + groups.length);
    List<Map<String, Double>> estimates = scores(groups, 4);
    Map<String, Double> gflops = mergedColumn(groups, 2);
    long common = estimates.get(0).keySet().stream().filter(estimates.get(1)::containsKey).count();
    System.out.printf(Locale.ROOT, "%d architectures in both groups; Kendall tau between the two estimates (fast mAP50-95 columns) %.3f;"
        + " each against GFLOPs %.3f, %.3f%n", common, tauAgainst(estimates.get(0), estimates.get(1)),
        tauAgainst(estimates.get(0), gflops), tauAgainst(estimates.get(1), gflops));
  }

  /** τ between the long results of two groups of TSV files (e.g. two seeds of the long profile). */
  private static void versus(String[] groups) throws IOException {
    Map<String, String[]> a = new LinkedHashMap<>(), b = new LinkedHashMap<>();
    for (String[] r : merged(groups[0].split(","))) a.put(r[0], r);
    for (String[] r : merged(groups[1].split(","))) b.put(r[0], r);
    List<String[]> left = new ArrayList<>(), right = new ArrayList<>();
    a.forEach((h, r) -> {
      if (b.containsKey(h)) {
        left.add(r);
        right.add(b.get(h));
      }
    });
    System.out.printf(Locale.ROOT, "%d architectures in both groups; Kendall tau between their long results: mAP50-95 %.3f, mAP50 %.3f%n",
        left.size(), RankAgreement.kendallTau(column(left, 7), column(right, 7)).orElse(Double.NaN),
        RankAgreement.kendallTau(column(left, 8), column(right, 8)).orElse(Double.NaN));
  }

  /**
   * Seed noise of both profiles: {@code fastGroups} and {@code longGroups} are groups of TSV files,
   * one group per seed (its files merged by hash); prints τ within and between the profiles and the
   * estimates of {@link SeedReliability}.
   */
  private static void reliability(String[] fastGroups, String[] longGroups) throws IOException {
    SeedReliability r = SeedReliability.of(scores(fastGroups, 4), scores(longGroups, 7));
    System.out.printf(Locale.ROOT, "%d architectures in every group; %d fast seeds, %d long seeds (mAP50-95)%n",
        r.hashes().size(), r.fast().size(), r.longer().size());
    System.out.println("Kendall tau, measured:");
    System.out.println("  fast seed vs fast seed:    " + formatted(r.fastSelfTau()));
    System.out.println("  long seed vs long seed:    " + formatted(r.longSelfTau()));
    System.out.println("  fast seed vs long seed:    " + formatted(r.crossTau()));
    System.out.println("  fast seed vs mean of long: " + formatted(r.tauAgainstLongMean()));
    System.out.printf(Locale.ROOT, "Estimates (correction for attenuation on r = sin(pi tau / 2); rough with few architectures):%n"
        + "  correlation implied by tau (mean over pairs): fast-fast %.3f, long-long %.3f, fast-long %.3f%n"
        + "  r between the two profiles without seed noise: %.3f%n"
        + "  tau of one fast run against the long ranking without seed noise: %.3f%n"
        + "  tau of one fast run against the mean of %d long seeds: %.3f%n",
        r.fastReliability(), r.longReliability(), r.crossCorrelation(),
        r.disattenuatedCorrelation(), r.estimatedTauOfOneFastRunAgainstNoiseFreeLong(), r.longer().size(),
        r.estimatedTauOfOneFastRunAgainstLongMean(r.longer().size()));
  }

  /** An estimate's agreement with the long seeds' mean on the pairs they all order alike and on the rest. */
  private static void pairs(String[] estimate, String[] longGroups) throws IOException {
    Map<String, Double> fast = mergedColumn(estimate, 4);
    ReliablePairs p = ReliablePairs.of(fast, scores(longGroups, 7));
    int n = p.hashes().size();
    System.out.printf(Locale.ROOT, "%d architectures, %d pairs; all %d long seeds order %d of them alike (mAP50-95)%n",
        n, n * (n - 1) / 2, longGroups.length, p.reliableCount());
    System.out.printf(Locale.ROOT, "tau against the mean of long: all pairs %.3f; the %d pairs every long seed orders alike %.3f;"
        + " the other %d %.3f%n", tauAgainst(fast, mergedColumn(longGroups, 7)),
        p.reliableCount(), p.reliable(), p.noisyCount(), p.noisy());
  }

  /** One map per group (its files comma-separated): {@link #mergedColumn} of each. */
  private static List<Map<String, Double>> scores(String[] groups, int c) throws IOException {
    List<Map<String, Double>> out = new ArrayList<>();
    for (String g : groups) out.add(mergedColumn(new String[] {g}, c));
    return out;
  }

  /**
   * Hash to the mean of column {@code c} over the rows of {@code files} ({@link #merged}), where it is
   * a number; an entry may name several files, comma-separated.
   */
  static Map<String, Double> mergedColumn(String[] files, int c) throws IOException {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String[] r : merged(Arrays.stream(files).flatMap(f -> Arrays.stream(f.split(","))).toArray(String[]::new))) if (isNumber(r[c])) m.put(r[0], Double.parseDouble(r[c]));
    return m;
  }

  private static String formatted(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) b.append(String.format(Locale.ROOT, "%.3f ", v));
    return b.append(String.format(Locale.ROOT, "(mean %.3f)", SeedReliability.average(values))).toString();
  }

  /**
   * Fast-profile variants (rows of {@code bench/device/sweep.sh collect}: variant, fast seed, then a
   * benchmark row) against the long results of {@code against} (merged by hash, e.g. two long
   * seeds): Kendall τ of each seed's fast mAP50-95 and of its mean over the variant's seeds.
   */
  private static void sweep(String[] files, String[] against) throws IOException {
    Map<String, Double> reference = new LinkedHashMap<>();
    for (String[] r : merged(against)) reference.put(r[0], Double.parseDouble(r[7]));
    Map<String, Map<String, Map<String, Double>>> byVariant = new TreeMap<>(); // variant -> seed -> hash -> mAP
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    for (String[] r : rows(files)) {
      if (r[0].equals("variant")) continue;
      byVariant.computeIfAbsent(r[0], v -> new TreeMap<>()).computeIfAbsent(r[1], s -> new LinkedHashMap<>())
          .put(r[2], Double.parseDouble(r[6]));
      seconds.computeIfAbsent(r[0], v -> new ArrayList<>()).add(Double.parseDouble(r[8]));
    }
    System.out.printf(Locale.ROOT, "Kendall tau of fast mAP50-95 against the long results of %d architectures%n", reference.size());
    byVariant.forEach((variant, seeds) -> {
      Map<String, Double> mean = new LinkedHashMap<>();
      StringBuilder each = new StringBuilder();
      seeds.forEach((seed, maps) -> {
        each.append(String.format(Locale.ROOT, " %s:%.3f", seed, tauAgainst(maps, reference)));
        maps.forEach((h, m) -> mean.merge(h, m / seeds.size(), Double::sum));
      });
      mean.keySet().removeIf(h -> seeds.values().stream().anyMatch(m -> !m.containsKey(h)));
      System.out.printf(Locale.ROOT, "%-12s seeds%s | mean of %d seeds %.3f over %d | mean %.1f s per run%n", variant, each,
          seeds.size(), tauAgainst(mean, reference), mean.size(),
          seconds.get(variant).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    });
  }

  private static double tauAgainst(Map<String, Double> fast, Map<String, Double> reference) {
    List<String> common = fast.keySet().stream().filter(reference::containsKey).toList();
    return RankAgreement.kendallTau(common.stream().mapToDouble(fast::get).toArray(),
        common.stream().mapToDouble(reference::get).toArray()).orElse(Double.NaN);
  }

  private static void summarize(String[] files) throws IOException {
    List<String[]> rows = merged(files);
    rows.sort(Comparator.comparingLong(r -> Long.parseLong(r[1])));
    System.out.println("| hash | params | GFLOPs | stages s2/s3/s4/s5 | fast mAP50-95 | fast mAP50 | fast s | long mAP50-95 | long mAP50 | long s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String[] r : rows) System.out.println("| " + String.join(" | ", r) + " |");
    List<String[]> paired = rows.stream().filter(r -> isNumber(r[4]) && isNumber(r[7])).toList();
    String missing = paired.size() == rows.size() ? "" : " (" + (rows.size() - paired.size()) + " without both scores left out)";
    System.out.printf(Locale.ROOT, "%d architectures%s; Kendall tau fast vs long: mAP50-95 %.3f, mAP50 %.3f; mean fast %.1f s, long %.1f s%n",
        paired.size(), missing, tau(paired, 4, 7), tau(paired, 5, 8), mean(paired, 6), mean(paired, 9));
  }

  private static boolean isNumber(String cell) {
    return Double.isFinite(Double.parseDouble(cell));
  }

  private static double tau(List<String[]> rows, int a, int b) {
    return RankAgreement.kendallTau(column(rows, a), column(rows, b)).orElse(Double.NaN);
  }

  private static double mean(List<String[]> rows, int c) {
    double[] v = column(rows, c);
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double[] column(List<String[]> rows, int c) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r[c])).toArray();
  }
}
