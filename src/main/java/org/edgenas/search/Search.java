package org.edgenas.search;

import org.edgenas.evaluation.AccuracySurrogate;
import org.edgenas.evaluation.Candidate;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.EvaluationListener;
import org.edgenas.evaluation.EvaluationLog;
import org.edgenas.evaluation.EvaluationPipeline;
import org.edgenas.evaluation.EvaluatorResult;
import org.edgenas.evaluation.Evaluator;
import org.edgenas.evaluation.Evaluators;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.evaluation.OpenEvaluators;
import org.edgenas.evaluation.Score;
import org.edgenas.evaluation.Seeds;
import org.edgenas.recipe.ExternalFiles;
import org.edgenas.recipe.Recipe;
import org.edgenas.recipe.RecipeLoader;
import org.edgenas.run.Baselines;
import org.edgenas.run.Checkpoint;
import org.edgenas.run.Checkpoints;
import org.edgenas.run.Finals;
import org.edgenas.run.FrontFile;
import org.edgenas.run.RunFolder;
import org.edgenas.run.RunRecord;

import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.util.ISeq;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.edgenas.common.BadInputException;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * Runs a search into a run folder, or resumes one. Each generation ends with a checkpoint and the
 * current Pareto front written atomically; evaluations are appended as they finish. A run killed
 * at any point and resumed evaluates nothing twice and ends with the same front as a run left alone.
 */
public final class Search {
  /**
   * @param toolVersion the edgenas version for run.json
   * @param extraEvaluators evaluators added to the built-in and registered ones
   * @param cpuThreads the size of the CPU evaluation pool
   * @param reuseFrom another run folder whose cached answers this run may reuse; null for none
   * @param plugins makes the measuring evaluators of a recipe for a run folder (proxy training,
   *     measured latency); they live in packages the search does not depend on
   * @param finals makes the standalone trainer of a recipe's {@code final:} profile for a run folder;
   *     the search closes it
   */
  public record Options(String toolVersion, List<Evaluator> extraEvaluators, int cpuThreads, Path reuseFrom,
      java.util.function.BiFunction<Recipe, Path, List<Evaluator>> plugins, java.util.function.BiFunction<Recipe, Path, Evaluator> finals) {
    public Options {
      extraEvaluators = List.copyOf(extraEvaluators);
    }

    public Options(String toolVersion, List<Evaluator> extraEvaluators, int cpuThreads, Path reuseFrom,
        java.util.function.BiFunction<Recipe, Path, List<Evaluator>> plugins) {
      this(toolVersion, extraEvaluators, cpuThreads, reuseFrom, plugins, (recipe, dir) -> null);
    }

    public Options(String toolVersion, List<Evaluator> extraEvaluators, int cpuThreads, Path reuseFrom) {
      this(toolVersion, extraEvaluators, cpuThreads, reuseFrom, (recipe, dir) -> List.of());
    }

    public static Options defaults(String toolVersion) {
      return new Options(toolVersion, List.of(), Runtime.getRuntime().availableProcessors(), null);
    }

    public Options withPlugins(java.util.function.BiFunction<Recipe, Path, List<Evaluator>> factory) {
      return new Options(toolVersion, extraEvaluators, cpuThreads, reuseFrom, factory, finals);
    }

    public Options withFinals(java.util.function.BiFunction<Recipe, Path, Evaluator> factory) {
      return new Options(toolVersion, extraEvaluators, cpuThreads, reuseFrom, plugins, factory);
    }
  }

  /** What a finished (or time-limited) run leaves: its folder, the last generation and the front. */
  public record Outcome(Path dir, long generation, FrontFile front, EvaluationPipeline.Counts counts) {}

  private Search() {}

  /** Starts a run of the recipe in {@code runDir}; a folder already holding this recipe's run is continued. */
  public static Outcome start(Path recipeFile, Path runDir, Options options, SearchListener progress) {
    Recipe recipe = RecipeLoader.load(recipeFile);
    String hash = RunFolder.recipeHash(recipe);
    String recorded = RunFolder.recordedHash(runDir);
    if (recorded != null && !recorded.equals(hash)) {
      throw new BadInputException(runDir + " belongs to another recipe (run.json records recipe hash " + recorded + ", "
          + recipeFile + " hashes to " + hash + "); pick another --run");
    }
    if (recorded != null) progress.info(runDir + " already holds this recipe's run: continuing it");
    return run(recipe, hash, runDir, options, progress);
  }

  /** Continues the run in {@code runDir} from its latest readable checkpoint, with its own copy of the inputs. */
  public static Outcome resume(Path runDir, Options options, SearchListener progress) {
    String recorded = RunFolder.recordedHash(runDir);
    if (recorded == null) throw new BadInputException(runDir + " has no run.json: not an edgenas run folder");
    RunRecord record = RunRecord.read(runDir.resolve("run.json"));
    String recipeName = java.util.Objects.requireNonNullElse(record.recipeFile(), "");
    Path recipeCopy = runDir.resolve("inputs").resolve(recipeName);
    if (recipeName.isEmpty() || !Files.isRegularFile(recipeCopy)) {
      throw new BadInputException(runDir.resolve("run.json") + ": recipe_file " + recipeName + " is not in " + runDir.resolve("inputs"));
    }
    Recipe recipe = RecipeLoader.load(recipeCopy, locateExternal(record, runDir.resolve("run.json")));
    String hash = RunFolder.recipeHash(recipe);
    if (!hash.equals(recorded)) {
      throw new BadInputException(runDir + " belongs to another recipe: run.json records recipe hash " + recorded
          + " but its inputs hash to " + hash + " (were they edited or copied from another run?)");
    }
    return run(recipe, hash, runDir, options, progress);
  }

  /**
   * Runs with the evaluators of the recipe: those the search makes (the plugins', the built-in and
   * registered ones) are closed when it ends, normally or by an exception; the
   * {@link Options#extraEvaluators} stay the caller's.
   */
  private static Outcome run(Recipe recipe, String hash, Path dir, Options options, SearchListener progress) {
    recipe.warnings().forEach(progress::warn);
    checkExternalUnchanged(recipe, dir);
    try (OpenEvaluators opened = new OpenEvaluators()) {
      List<Evaluator> extra = new java.util.ArrayList<>(options.extraEvaluators());
      extra.addAll(opened.own(options.plugins().apply(recipe, dir)));
      List<Evaluator> evaluators = Evaluators.forRecipe(recipe, extra);
      java.util.Set<Evaluator> callers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      callers.addAll(options.extraEvaluators());
      opened.own(evaluators.stream().filter(e -> !callers.contains(e)).toList());
      return run(recipe, hash, dir, options, progress, evaluators);
    }
  }

  /**
   * Where a resumed run's external files are ({@link ExternalFiles}: the supernet file, the init:
   * checkpoints and their reference architectures, the distillation teachers): at the paths {@code
   * run.json} recorded, since the run's copy of the recipe may not resolve the paths as written; a
   * recorded file that is gone is refused naming run.json and the path.
   */
  private static ExternalFiles locateExternal(RunRecord record, Path runJson) {
    Map<ExternalFiles.Kind, List<Path>> located = new java.util.EnumMap<>(ExternalFiles.Kind.class);
    record.recipe().external().forEach((kind, recorded) -> {
      List<Path> files = new java.util.ArrayList<>();
      for (RunRecord.InputFile r : recorded) {
        Path file = Path.of(r.file());
        if (!Files.isRegularFile(file)) {
          throw new BadInputException(runJson + ": recipe." + kind.key() + " " + file + " does not exist (the run reads " + kind.what()
              + " there; it is not copied into the run); put it back");
        }
        files.add(file);
      }
      located.put(kind, files);
    });
    return new ExternalFiles(located);
  }

  /**
   * The external files ({@link ExternalFiles}: a {@code supernet: PATH} file, the init: checkpoints
   * and their reference architectures, the distillation teachers) are not inputs copied into the
   * run, so the recipe hash does not cover them: a run continued (resumed, or searched again into
   * its folder) refuses one, as it refuses other changed inputs, when its SHA-256 is not the one
   * {@code run.json} recorded, or when it reads another number of files of a kind than the run
   * started with.
   */
  private static void checkExternalUnchanged(Recipe recipe, Path dir) {
    Path runJson = dir.resolve("run.json");
    Map<ExternalFiles.Kind, List<Path>> files = ExternalFiles.of(recipe);
    if (files.isEmpty() || !Files.isRegularFile(runJson)) return;
    Map<ExternalFiles.Kind, List<RunRecord.InputFile>> recorded = RunRecord.read(runJson).recipe().external();
    files.forEach((kind, now) -> {
      List<RunRecord.InputFile> was = recorded.get(kind);
      if (was == null) return; // a run.json written before files of this kind were recorded
      if (was.size() != now.size()) {
        throw new BadInputException(runJson + ": recipe." + kind.key() + " records " + was.stream().map(RunRecord.InputFile::file).toList()
            + " but the run now reads " + now + "; restore them or start another run");
      }
      for (int i = 0; i < now.size(); i++) {
        String sha = org.edgenas.common.Sha256.hex(now.get(i));
        if (!sha.equals(was.get(i).sha256())) {
          throw new BadInputException(now.get(i) + ": " + kind.what() + " changed since " + dir + " started (" + runJson + " records sha256 "
              + was.get(i).sha256().substring(0, 16) + "…, the file now hashes to " + sha.substring(0, 16) + "…); restore it or start another run");
        }
      }
    });
  }

  private static Outcome run(Recipe recipe, String hash, Path dir, Options options, SearchListener progress, List<Evaluator> evaluators) {
    SearchSpace space = recipe.space();
    GenomeCodec codec = new GenomeCodec(space, recipe.nc(), recipe.imgsz());
    BudgetScreen screen = new BudgetScreen(codec, recipe, evaluators);
    screen.checkAchievable(recipe, Seeds.forGeneration(recipe.seed(), -1));
    try (RunFolder folder = RunFolder.lock(dir);
        EvaluationLog log = EvaluationLog.open(folder.evaluations());
        EvaluationPipeline pipeline = new EvaluationPipeline(evaluators, recipe, log, options.cpuThreads())) {
      String recorded = RunFolder.recordedHash(dir);
      if (recorded != null && !recorded.equals(hash)) throw new BadInputException(dir + " belongs to another recipe (recipe hash " + recorded + ")");
      if (recorded == null) {
        folder.copyInputs(recipe);
        RunRecord.of(recipe, hash, evaluators, options.toolVersion()).write(folder.runJson());
      }
      if (log.repairedBytes() > 0) progress.warn(folder.evaluations() + " ended in a torn line (" + log.repairedBytes() + " bytes): dropped it");
      if (options.reuseFrom() != null) {
        int n = log.importResults(options.reuseFrom().resolve("evaluations.jsonl"));
        progress.info("reused " + n + " cached answers from " + options.reuseFrom());
      }
      pipeline.useSurrogate(space, recipe.imgsz(), recipe.trainPerGeneration());
      GenerationEngine engine = new GenerationEngine(codec, pipeline, screen, recipe);
      Checkpoint cp = Checkpoints.latest(folder.checkpoints(), progress::warn).orElse(null);
      progress.started(new SearchListener.Start(recipe, space, evaluators, dir, cp == null ? -1 : cp.generation()));
      StageListener stage = new StageListener(progress);
      pipeline.listen(stage);
      if (cp == null) {
        List<Checkpoint.Member> members = engine.initialPopulation(screen, recipe.population());
        List<String> pending = members.stream().map(m -> codec.decode(m.alleles()).architecture().hash()).distinct().toList();
        cp = Checkpoint.of(hash, 0, recipe.seed(), members, pending, log.evaluations().size(), 0);
        Checkpoints.write(folder.checkpoints(), cp);
      } else {
        if (!cp.recipeHash().equals(hash)) throw new BadInputException(folder.checkpoints() + " holds checkpoints of recipe hash " + cp.recipeHash() + ", not " + hash);
        progress.info("resuming " + dir + " after generation " + cp.generation() + " (" + log.evaluations().size() + " evaluations cached)");
      }
      Outcome outcome = loop(recipe, hash, cp, folder, codec, engine, pipeline, log, progress, stage);
      pipeline.listen(null);
      if (recipe.finalProfile() != null) trainFinals(recipe, codec, folder, log, outcome, options, progress);
      return outcome;
    }
  }

  /**
   * The final front must hold real proxy-trained accuracies: its members that carry only a
   * surrogate estimate are trained, and the front recomputed, until none is left (a few rounds).
   */
  private static FrontFile trainEstimatedFront(Recipe recipe, GenomeCodec codec, EvaluationPipeline pipeline,
      EvaluationLog log, RunFolder folder, long g, FrontFile front, SearchListener progress) {
    for (int round = 0; round < 5; round++) {
      List<Candidate> estimated = new java.util.ArrayList<>();
      for (Evaluation e : FrontFile.front(log.evaluations(), recipe.objectives())) {
        Measure m = e.values().get(AccuracySurrogate.METRIC);
        if (m == null || m.kind() != Kind.ESTIMATE) continue;
        var arch = codec.space().freeze(e.picks(), recipe.nc());
        estimated.add(new Candidate(e.picks(), arch, recipe.imgsz(), Candidate.seedFor(recipe.seed(), arch.hash())));
      }
      if (estimated.isEmpty()) break;
      progress.info("proxy-training " + estimated.size() + " front model(s) that carry only a surrogate estimate");
      pipeline.train(estimated, g);
      front = FrontFile.of(g, codec.space(), recipe.objectives(), log.evaluations());
      front.write(folder.front());
    }
    return front;
  }

  /**
   * Trains every front member standalone with the recipe's {@code final:} profile into {@link
   * Finals}, one at a time; those already there (a resumed run) are not trained again.
   */
  private static void trainFinals(Recipe recipe, GenomeCodec codec, RunFolder folder, EvaluationLog log, Outcome outcome, Options options,
      SearchListener progress) {
    List<Evaluation> front = outcome.front().members().stream().flatMap(m -> log.evaluation(m.hash()).stream()).toList();
    try (EvaluationLog flog = EvaluationLog.open(Finals.log(folder.dir()))) {
      List<Evaluation> todo = front.stream().filter(e -> flog.evaluation(e.hash()).isEmpty()).toList();
      if (todo.isEmpty()) return;
      try (Evaluator trainer = options.finals().apply(recipe, folder.dir())) {
        if (trainer == null) {
          progress.warn("final: " + recipe.finalProfile().file() + " is named but this search has no standalone trainer: front not trained");
          return;
        }
        progress.info("training " + todo.size() + " front model(s) standalone with " + recipe.finalProfile().file()
            + " (" + (front.size() - todo.size()) + " done earlier)");
        for (Evaluation e : todo) {
          var arch = codec.space().freeze(e.picks(), recipe.nc());
          Candidate c = new Candidate(e.picks(), arch, recipe.imgsz(), Candidate.seedFor(recipe.seed(), arch.hash()));
          long t0 = System.nanoTime();
          Evaluation done;
          try {
            done = new Evaluation(e.hash(), e.picks(), outcome.generation(), EvaluatorResult.OK, null, trainer.evaluate(c), e.feasible(),
                e.feasibility(), e.violation(), (System.nanoTime() - t0) / 1e9, List.of(EvaluatorResult.keyOf(trainer, e.hash())));
          } catch (Exception ex) {
            String reason = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            progress.warn("final training of " + e.hash() + " failed: " + reason);
            done = new Evaluation(e.hash(), e.picks(), outcome.generation(), EvaluatorResult.FAILED, reason, java.util.Map.of(), e.feasible(),
                e.feasibility(), e.violation(), (System.nanoTime() - t0) / 1e9, List.of(EvaluatorResult.keyOf(trainer, e.hash())));
          }
          flog.append(done);
        }
      }
    }
  }

  /**
   * Evaluates the recipe's reference baselines (at the recipe's image size and classes) with the
   * same evaluators into {@link Baselines}; they are drawn
   * in the report and never join the front.
   */
  private static void evaluateBaselines(Recipe recipe, List<Evaluator> evaluators, RunFolder folder, long g, SearchListener progress) {
    if (recipe.baselines().isEmpty()) return;
    java.util.Map<String, String> names = new java.util.TreeMap<>();
    try (EvaluationLog blog = EvaluationLog.open(Baselines.log(folder.dir()));
        EvaluationPipeline bp = new EvaluationPipeline(evaluators, recipe, blog, 1)) {
      for (Path file : recipe.baselines()) {
        SearchSpace ref = SpaceLoader.load(file, recipe.nc());
        var arch = ref.freeze(ref.defaultPicks());
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        bp.listen(new EvaluationListener() {
          @Override
          public void started(Candidate c, long generation, int index, int count) {
            progress.evaluating(SearchListener.Slot.baseline(name, generation), c);
          }

          @Override
          public void finished(Candidate c, Evaluation e, int index, int count) {
            progress.evaluated(SearchListener.Slot.baseline(name, e.generation()), c, e);
          }
        });
        Evaluation e = bp.evaluate(List.of(new Candidate(new int[0], arch, recipe.imgsz(), Candidate.seedFor(recipe.seed(), arch.hash()))), g).getFirst();
        if (!e.ok()) progress.warn("baseline " + name + " failed: " + e.reason());
        names.put(arch.hash(), name);
      }
    }
    Baselines.writeNames(folder.dir(), names);
  }

  private static Outcome loop(Recipe recipe, String hash, Checkpoint cp, RunFolder folder, GenomeCodec codec,
      GenerationEngine engine, EvaluationPipeline pipeline, EvaluationLog log, SearchListener progress, StageListener stage) {
    long t0 = System.nanoTime();
    ISeq<Phenotype<IntegerGene, Score>> population;
    try {
      population = engine.evaluatePopulation(cp.population(), cp.generation());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(Checkpoints.fileOf(folder.checkpoints(), cp.generation()) + " does not fit the space: " + e.getMessage());
    }
    long g = cp.generation();
    FrontFile front = FrontFile.of(g, codec.space(), recipe.objectives(), log.evaluations());
    front.write(folder.front());
    double elapsed = cp.elapsedSeconds();
    long firstGeneration = g;
    while ((recipe.generations() == 0 || g < recipe.generations())
        && (recipe.maxMinutes() == 0 || elapsed < recipe.maxMinutes() * 60)) {
      g++;
      population = engine.evolve(population, g).population();
      elapsed = cp.elapsedSeconds() + (System.nanoTime() - t0) / 1e9;
      Checkpoints.write(folder.checkpoints(), Checkpoint.of(hash, g, recipe.seed(), GenerationEngine.members(population, codec),
          List.of(), log.evaluations().size(), elapsed));
      front = FrontFile.of(g, codec.space(), recipe.objectives(), log.evaluations());
      front.write(folder.front());
      double perGeneration = (elapsed - cp.elapsedSeconds()) / (g - firstGeneration);
      double left = recipe.generations() > 0 ? perGeneration * (recipe.generations() - g) : recipe.maxMinutes() * 60 - elapsed;
      if (recipe.maxMinutes() > 0) left = Math.min(left, Math.max(0, recipe.maxMinutes() * 60 - elapsed));
      double hv = FrontHypervolume.of(log.evaluations(), FrontFile.front(log.evaluations(), recipe.objectives()), recipe.objectives());
      progress.generationEnded(new SearchListener.GenerationEnd(g, recipe.generations(), pipeline.counts(), front.members().size(), hv, elapsed, left));
      pipeline.drainNotes().forEach(progress::info);
    }
    stage.stage = SearchListener.Slot.Stage.FRONT;
    front = trainEstimatedFront(recipe, codec, pipeline, log, folder, g, front, progress);
    evaluateBaselines(recipe, pipeline.evaluators(), folder, g, progress);
    return new Outcome(folder.dir(), g, front, pipeline.counts());
  }

  /** Passes the pipeline's candidate events on to the listener, each with its place in the run. */
  private static final class StageListener implements EvaluationListener {
    private final SearchListener listener;
    volatile SearchListener.Slot.Stage stage = SearchListener.Slot.Stage.GENERATION;

    StageListener(SearchListener listener) {
      this.listener = listener;
    }

    @Override
    public void started(Candidate c, long generation, int index, int count) {
      listener.evaluating(new SearchListener.Slot(stage, generation, index, count, null), c);
    }

    @Override
    public void finished(Candidate c, Evaluation e, int index, int count) {
      listener.evaluated(new SearchListener.Slot(stage, e.generation(), index, count, null), c, e);
    }
  }
}
