package org.edgenas.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.edgenas.search.Search;
import org.edgenas.worker.DelegatedEvaluators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code edgenas search search/<recipe>.yaml}: runs a search into {@code results/<run>/}. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Run a multi-objective architecture search (NSGA-II) described by a recipe.",
      "Writes results/<run>/: run.json, evaluations.jsonl, checkpoints/, pareto/front.json."
    })
public final class SearchCommand implements Callable<Integer> {
  @Mixin VerboseOption verbose;
  @Mixin RunOptions runOptions;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RECIPE.yaml", description = "The recipe (e.g. search/quickstart.yaml).")
  Path recipe;

  @Option(names = "--run", paramLabel = "NAME", description = "The run folder name under results/ (default: <recipe>-<date>-<time>).")
  String run;

  @Option(names = "--results", paramLabel = "DIR", description = "The folder that holds run folders (default: ${DEFAULT-VALUE}).")
  Path results = Path.of("results");

  @Option(names = "--reuse", paramLabel = "RUN_DIR", description = "Reuse the cached evaluations of another run folder.")
  Path reuse;

  @Override
  public Integer call() {
    String name = run != null ? run : recipe.getFileName().toString().replaceFirst("\\.ya?ml$", "") + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = results.resolve(name);
    try (SearchConsole console = runOptions.console(spec)) {
      Search.Outcome outcome = Search.start(recipe, dir, runOptions.options(reuse, console), console);
      RunOptions.summary(spec.commandLine().getOut(), outcome);
    }
    return Main.OK;
  }

  /** The options shared by {@code search} and {@code resume}. */
  public static final class RunOptions {
    @Option(names = "--quiet", description = "No header, candidate, training or status lines; warnings, errors and the final front still print.")
    boolean quiet;

    @Option(names = "--log-json", paramLabel = "FILE", description = "Append every event as one JSON line to FILE.")
    Path logJson;

    SearchConsole console(CommandSpec spec) {
      return new SearchConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), quiet, SearchConsole.stdoutIsTerminal(), logJson);
    }

    /** The search's options; proxy training goes where each recipe says ({@code workers:}, {@code cluster:}). */
    Search.Options options(Path reuse, SearchConsole console) {
      Search.Options d = Search.Options.defaults(Version.current());
      return new Search.Options(d.toolVersion(), d.extraEvaluators(), d.cpuThreads(), reuse)
          .withPlugins((recipe, dir) -> DelegatedEvaluators.forRecipe(recipe, dir, console::training, console::info))
          .withFinals((recipe, dir) -> org.edgenas.eval.RecipeEvaluators.finalTrainer(recipe, dir, console::finalTraining));
    }

    /**
     * Prints the outcome and the front as a table with the baselines, writes the run's report and
     * exports the front's real models (those with measurements of every objective) into {@code pareto/models}.
     */
    static void summary(PrintWriter out, Search.Outcome outcome) {
      out.println("done: generation " + outcome.generation() + ", " + outcome.front().members().size() + " models on the front: "
          + outcome.dir().resolve("pareto").resolve("front.json"));
      org.edgenas.run.Run run = org.edgenas.run.Run.read(outcome.dir());
      FrontTable.lines(run).forEach(out::println);
      Path report = outcome.dir().resolve("report.html");
      org.edgenas.common.AtomicFiles.writeString(report, org.edgenas.results.HtmlReport.render(run));
      out.println("report: " + report);
      Path models = outcome.dir().resolve("pareto").resolve("models");
      try {
        Path manifest = new org.edgenas.results.Exporter(TrainedModels.materializer(outcome.dir()))
            .export(run, org.edgenas.results.Exporter.Selection.ALL, models);
        var exported = org.edgenas.common.Json.mapper().readTree(manifest.toFile()).path("models");
        int withOnnx = 0;
        for (var m : exported) if (!m.path("onnx").isNull()) withOnnx++;
        out.println("exported " + exported.size() + " front model(s), " + withOnnx + " with a trained ONNX file: " + manifest);
      } catch (org.edgenas.common.BadInputException e) {
        out.println("no front model exported: " + e.getMessage());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      out.flush();
    }
  }
}
