package org.edgenas.results;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgenas.arch.Architecture;
import org.edgenas.space.SearchSpace;

/**
 * The run report: one self-contained HTML page (plots embedded as PNG data: URIs) with the
 * accuracy–latency front per device and the baselines, hypervolume per generation, surrogate
 * fidelity, and a table of the front. Estimates are drawn hollow and labelled; the table says the
 * kind of every value. A small script sets the title to the count of decoded images (for checks).
 */
public final class HtmlReport {
  private HtmlReport() {}

  public static String render(Run run) {
    List<EvaluationRecord> front = run.front();
    StringBuilder h = new StringBuilder();
    String name = run.recipe().path("name").asText(run.dir().getFileName().toString());
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>edgenas report: ").append(esc(name)).append("</title>\n");
    h.append("<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
        + "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}"
        + "th{background:#f3f3f3}.kind{color:#777;font-size:11px}.estimate{color:#2a5ac8;font-style:italic}"
        + "img{display:block;margin:1em 0;border:1px solid #eee}.note{color:#555}</style>\n");
    h.append("<script>window.addEventListener('load',function(){var all=document.images,ok=0;"
        + "for(var i=0;i<all.length;i++){if(all[i].complete&&all[i].naturalWidth>0)ok++;}"
        + "document.title='images '+ok+'/'+all.length;document.body.setAttribute('data-images-decoded',ok+'/'+all.length);});</script>\n");
    h.append("</head><body>\n<h1>edgenas run ").append(esc(name)).append("</h1>\n");
    h.append("<p>Run folder <code>").append(esc(run.dir().toString())).append("</code>; space <code>")
        .append(esc(run.recipe().path("space").asText())).append("</code>; ").append(run.candidates().size())
        .append(" architectures evaluated, ").append(run.evaluations().stream().filter(r -> !r.ok()).count()).append(" failed; front of ")
        .append(front.size()).append(".</p>\n<p>Objectives: ")
        .append(esc(String.join(", ", run.objectives().stream().map(o -> o.key() + " (" + o.direction().name().toLowerCase(Locale.ROOT) + ")").toList())))
        .append(". Budgets: ").append(esc(run.budgets().entrySet().stream().map(e -> e.getKey() + " ≤ " + e.getValue() + " ms").toList().toString()))
        .append(".</p>\n");
    h.append("<h2>Pareto front per device</h2>\n<p class=\"note\">Red: the run's front; grey: other measured candidates; hollow blue: "
        + "surrogate <em>estimates</em> (not measured); green squares: reference baselines evaluated the same way; dashed line: the device budget.</p>\n");
    if (run.accuracy() != null) {
      for (String device : run.devices()) {
        img(h, ReportCharts.front(run, device, front), "accuracy against latency on " + device);
      }
    }
    h.append("<h2>Hypervolume per generation</h2>\n");
    List<RunStatistics.PerGeneration> hv = RunStatistics.hypervolume(run);
    if (hv.isEmpty()) h.append("<p class=\"note\">No feasible candidate with real measurements yet.</p>\n");
    else {
      img(h, ReportCharts.perGeneration("Hypervolume of the real, feasible front", "hypervolume (normalised, ref 1.1)", "hypervolume", hv), "hypervolume per generation");
      h.append("<p class=\"note\">Objectives normalised to [0, 1] by the run's range, reference point 1.1 in each; only measured or exact values count.</p>\n");
    }
    h.append("<h2>Surrogate fidelity</h2>\n");
    List<RunStatistics.PerGeneration> tau = RunStatistics.surrogateFidelity(run);
    if (tau.isEmpty()) h.append("<p class=\"note\">No surrogate predictions with later proxy measurements in this run.</p>\n");
    else img(h, ReportCharts.perGeneration("Surrogate vs proxy training: Kendall τ", "Kendall τ", "tau", tau), "Kendall tau per generation");
    frontTable(h, run, front);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void frontTable(StringBuilder h, Run run, List<EvaluationRecord> front) {
    h.append("<h2>The front</h2>\n<table id=\"front\"><thead><tr><th>hash</th><th>choices</th><th>params</th><th>GFLOPs</th><th>mAP50-95</th>");
    for (String d : run.devices()) h.append("<th>latency@").append(esc(d)).append(" (ms)</th>");
    h.append("</tr></thead><tbody>\n");
    SearchSpace space = front.isEmpty() ? null : run.space();
    for (EvaluationRecord r : front) {
      Architecture arch = run.architecture(space, r);
      h.append("<tr class=\"front-row\"><td><code>").append(esc(r.hash())).append("</code></td><td>");
      Map<String, String> choices = new TreeMap<>();
      arch.provenance().forEach((k, v) -> {
        if (k.startsWith("choice.")) choices.put(k.substring(7), v);
      });
      h.append(esc(String.join(", ", choices.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))).append("</td>");
      cell(h, r.objectives().get("params"), "%.0f", false);
      cell(h, r.objectives().get("gflops"), "%.4f", false);
      cell(h, r.objectives().get(Objective.ACCURACY), "%.4f", true);
      for (String d : run.devices()) cell(h, r.objectives().get(Objective.LATENCY + "@" + d), "%.2f", true);
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void cell(StringBuilder h, ObjectiveValue v, String format, boolean withKind) {
    if (v == null) {
      h.append("<td>–</td>");
      return;
    }
    h.append(v.isEstimate() ? "<td class=\"estimate\">" : "<td>").append(String.format(Locale.ROOT, format, v.value()));
    if (withKind) {
      h.append(" <span class=\"kind\">").append(esc(v.kind()));
      if (v.method() != null) h.append(": ").append(esc(v.method()));
      if (v.p90() != null) h.append(String.format(Locale.ROOT, "; p90 %.2f", v.p90()));
      h.append("</span>");
    }
    h.append("</td>");
  }

  private static void img(StringBuilder h, byte[] png, String alt) {
    h.append("<img width=\"").append(ReportCharts.WIDTH).append("\" height=\"").append(ReportCharts.HEIGHT)
        .append("\" alt=\"").append(esc(alt)).append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
