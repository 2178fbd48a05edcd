package org.edgenas.results;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Baseline;
import org.edgenas.run.Run;
import org.edgenas.space.SearchSpace;
import org.jfree.chart.JFreeChart;

/**
 * The run report: one self-contained HTML page (plots embedded as PNG data: URIs, each with the
 * tick labels of its axes in {@code data-x-ticks}/{@code data-y-ticks}) with the accuracy–latency
 * front per device and the baselines, hypervolume per generation, surrogate fidelity, and the
 * front as a table sorted by the first objective (best first), the knee marked, the baselines
 * below, and, where the recipe named {@code final:}, the front's standalone accuracies beside the
 * search's with Kendall τ between them. Estimates are drawn hollow and labelled; the table gives the kind of every value. A small
 * script sets the title to the count of decoded images (for checks).
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(Run run) {
    List<Evaluation> front = run.front();
    StringBuilder h = new StringBuilder();
    String name = run.dir().toAbsolutePath().normalize().getFileName().toString();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>edgenas report: ").append(esc(name)).append("</title>\n");
    h.append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
        + "th{background:#f3f3f3}.kind{color:#777;font-size:11px}.estimate{color:#2a5ac8;font-style:italic}"
        + "tr.knee{background:#fff4d6}tr.baseline-row{background:#eef7ee}"
        + "img{display:block;margin:1em 0;border:1px solid #eee}.note{color:#555}</style>\n");
    h.append("<script>window.addEventListener('load',function(){var all=document.images,ok=0;"
        + "for(var i=0;i<all.length;i++){if(all[i].complete&&all[i].naturalWidth>0)ok++;}"
        + "document.title='images '+ok+'/'+all.length;document.body.setAttribute('data-images-decoded',ok+'/'+all.length);});</script>\n");
    h.append("</head><body>\n<h1>edgenas run ").append(esc(name)).append("</h1>\n");
    h.append("<p>Run folder <code>").append(esc(run.dir().toString())).append("</code>; space <code>")
        .append(esc(run.record().recipe().space())).append("</code>; ").append(run.candidates().size())
        .append(" architectures evaluated, ").append(run.evaluations().stream().filter(r -> !r.ok()).count()).append(" failed; front of ")
        .append(front.size()).append(".</p>\n<p>Objectives: ")
        .append(esc(String.join(", ", run.objectives().stream().map(o -> o.key() + " (" + o.goal().name().toLowerCase(Locale.ROOT) + ")").toList())))
        .append(". Budgets: ").append(esc(run.budgets().entrySet().stream()
            .map(e -> e.getKey() + (e.getValue().isNaN() ? " (none)" : " ≤ " + e.getValue() + " ms")).toList().toString()))
        .append(".</p>\n");
    h.append("<h2>Pareto front per device</h2>\n<p class=\"note\">Red: the run's front; grey: other measured candidates; hollow blue: "
        + "<em>estimates</em> (not measured); green squares: reference baselines evaluated the same way; dashed line: the device budget.</p>\n");
    if (run.accuracy() == null) h.append("<p class=\"note\">The recipe has no accuracy objective: no accuracy–latency plot.</p>\n");
    else {
      for (String device : run.devices()) {
        JFreeChart chart = ReportCharts.front(run, device, front);
        if (chart == null) h.append("<p class=\"note\">No evaluation has both an accuracy and a latency on ").append(esc(device)).append(" yet.</p>\n");
        else img(h, chart, "accuracy against latency on " + device);
      }
    }
    h.append("<h2>Hypervolume per generation</h2>\n");
    List<RunStatistics.PerGeneration> hv = RunStatistics.hypervolume(run);
    if (hv.isEmpty()) h.append("<p class=\"note\">No feasible candidate with real measurements yet.</p>\n");
    else {
      img(h, ReportCharts.perGeneration("Hypervolume of the real, feasible front", "hypervolume (normalised, ref 1.1)", "hypervolume", hv, null),
          "hypervolume per generation");
      h.append("<p class=\"note\">Objectives normalised to [0, 1] by the run's range, reference point 1.1 in each; only measured or exact values count.</p>\n");
    }
    h.append("<h2>Surrogate fidelity</h2>\n");
    List<RunStatistics.PerGeneration> tau = RunStatistics.surrogateFidelity(run);
    if (tau.isEmpty()) h.append("<p class=\"note\">No surrogate predictions with later proxy measurements in this run.</p>\n");
    else {
      img(h, ReportCharts.perGeneration("Surrogate vs proxy training: Kendall τ", "Kendall τ", "tau", tau, new double[] {-1.05, 1.05}),
          "Kendall tau per generation");
    }
    frontTable(h, run, front);
    finalTable(h, run, front);
    h.append("</body></html>\n");
    return h.toString();
  }

  /** The front sorted by the first objective, best first; the knee marked; then the baselines. */
  private static void frontTable(StringBuilder h, Run run, List<Evaluation> front) {
    Objective first = run.objectives().getFirst();
    List<Evaluation> rows = new ArrayList<>(front);
    rows.sort(ModelSelection.bestFirst(run));
    Evaluation kneeModel = ModelSelection.exportableKnee(run, front);
    String knee = kneeModel == null ? null : kneeModel.hash();
    List<String> extra = new ArrayList<>(List.of("params", "gflops"));
    run.objectives().forEach(o -> extra.remove(o.key()));
    h.append("<h2>The front</h2>\n<p class=\"note\">Sorted by ").append(esc(first.key())).append(first.goal().sign() > 0 ? ", largest" : ", smallest")
        .append(" first. ★ marks the knee (what <code>export --knee</code> picks); baselines follow in green.</p>\n");
    h.append("<table id=\"front\"><thead><tr><th>model</th><th>choices</th>");
    for (Objective o : run.objectives()) h.append("<th>").append(esc(o.key())).append(" (").append(o.goal().name().toLowerCase(Locale.ROOT)).append(")</th>");
    for (String k : extra) h.append("<th>").append(esc(k)).append("</th>");
    h.append("<th>feasible</th></tr></thead><tbody>\n");
    SearchSpace space = rows.isEmpty() ? null : run.space();
    for (Evaluation r : rows) {
      boolean isKnee = r.hash().equals(knee);
      h.append(isKnee ? "<tr class=\"front-row knee\">" : "<tr class=\"front-row\">").append("<td><code>").append(esc(r.hash())).append("</code>")
          .append(isKnee ? " ★ knee" : "").append("</td><td>").append(esc(choices(run.architecture(space, r)))).append("</td>");
      cells(h, run, r, extra);
    }
    for (Baseline b : run.baselines()) {
      h.append("<tr class=\"baseline-row\"><td>").append(esc(b.name())).append(" <span class=\"kind\">baseline ")
          .append(esc(b.evaluation().hash())).append("</span></td><td>reference architecture</td>");
      cells(h, run, b.evaluation(), extra);
    }
    h.append("</tbody></table>\n");
  }

  /** The front's standalone trainings ({@code final:}) beside the search's figure, and Kendall τ between the two. */
  private static void finalTable(StringBuilder h, Run run, List<Evaluation> front) {
    if (run.finals().isEmpty()) return;
    h.append("<h2>Standalone training of the front</h2>\n<table id=\"final\"><thead><tr><th>model</th><th>search ")
        .append(esc(run.searchAccuracyKey())).append("</th><th>final standalone ").append(esc(Run.ACCURACY)).append("</th></tr></thead><tbody>\n");
    List<double[]> pairs = new ArrayList<>();
    for (Evaluation r : front) {
      Measure search = r.values().get(run.searchAccuracyKey());
      Measure standalone = run.finalAccuracy(r.hash());
      if (search != null && standalone != null) pairs.add(new double[] {search.value(), standalone.value()});
      h.append("<tr class=\"final-row\"><td><code>").append(esc(r.hash())).append("</code></td>");
      cell(h, search, true);
      cell(h, standalone, true);
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
    var tau = org.edgenas.surrogate.RankAgreement.kendallTau(pairs.stream().mapToDouble(p -> p[0]).toArray(),
        pairs.stream().mapToDouble(p -> p[1]).toArray());
    h.append("<p class=\"note\" id=\"final-tau\">Agreement between the search's figure and the standalone training: Kendall τ ")
        .append(tau.isPresent() ? String.format(Locale.ROOT, "%.3f", tau.getAsDouble()) : "n/a (fewer than 3 pairs, or a constant series)")
        .append(" over ").append(pairs.size()).append(" model(s).</p>\n");
  }

  private static void cells(StringBuilder h, Run run, Evaluation r, List<String> extra) {
    for (Objective o : run.objectives()) cell(h, r.values().get(o.key()), true);
    for (String k : extra) cell(h, r.values().get(k), false);
    h.append("<td>").append(!r.ok() ? "failed" : r.feasible() ? "yes" : String.format(Locale.ROOT, "no (violation %.3f)", r.violation()))
        .append("</td></tr>\n");
  }

  private static double value(Evaluation e, String key) {
    Measure m = e.values().get(key);
    return m == null ? Double.NaN : m.value();
  }

  private static String choices(Architecture arch) {
    Map<String, String> choices = new TreeMap<>();
    arch.provenance().forEach((k, v) -> {
      if (k.startsWith("choice.")) choices.put(k.substring(7), v);
    });
    return String.join(", ", choices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }

  private static void cell(StringBuilder h, Measure v, boolean withKind) {
    if (v == null) {
      h.append("<td>–</td>");
      return;
    }
    h.append(v.kind() == Kind.ESTIMATE ? "<td class=\"estimate\">" : "<td>").append(number(v.value()));
    if (withKind) h.append(" <span class=\"kind\">").append(esc(v.kind().name().toLowerCase(Locale.ROOT))).append(": ").append(esc(v.method())).append("</span>");
    h.append("</td>");
  }

  /** Four significant digits, plain (integers as integers). */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%.0f", v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static void img(StringBuilder h, JFreeChart chart, String alt) {
    ReportCharts.Picture p = ReportCharts.draw(chart);
    h.append("<img width=\"").append(ReportCharts.WIDTH).append("\" height=\"").append(ReportCharts.HEIGHT)
        .append("\" alt=\"").append(esc(alt)).append("\" data-x-ticks=\"").append(esc(String.join("|", p.xTicks())))
        .append("\" data-y-ticks=\"").append(esc(String.join("|", p.yTicks()))).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(p.png())).append("\">\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
