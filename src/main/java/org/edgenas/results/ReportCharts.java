package org.edgenas.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots as PNG bytes (JFreeChart, headless). */
final class ReportCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 760, HEIGHT = 430;
  private static final Color GREY = new Color(150, 150, 150), FRONT = new Color(200, 40, 40),
      ESTIMATE = new Color(40, 90, 200), BASELINE = new Color(30, 140, 60);

  private ReportCharts() {}

  /** Accuracy against latency on one device: every evaluation, the front highlighted, estimates hollow, baselines labelled. */
  static byte[] front(Run run, String device, List<EvaluationRecord> front) {
    String lat = Objective.LATENCY + "@" + device, acc = run.accuracy().key();
    Set<String> onFront = front.stream().map(EvaluationRecord::hash).collect(Collectors.toSet());
    XYSeries others = new XYSeries("evaluated (measured)", false), best = new XYSeries("Pareto front of the run", false),
        estimates = new XYSeries("estimate (surrogate mAP, not measured)", false), baselines = new XYSeries("reference baselines", false);
    XYSeriesCollection data = new XYSeriesCollection();
    List<XYTextAnnotation> labels = new java.util.ArrayList<>();
    for (EvaluationRecord r : run.candidates()) {
      if (!r.objectives().containsKey(lat) || !r.objectives().containsKey(acc)) continue;
      double x = r.objectives().get(lat).value(), y = r.objectives().get(acc).value();
      if (r.objectives().get(acc).isEstimate() || r.objectives().get(lat).isEstimate()) {
        estimates.add(x, y);
        labels.add(label("estimate", x, y, ESTIMATE));
      } else if (onFront.contains(r.hash())) best.add(x, y);
      else others.add(x, y);
    }
    for (EvaluationRecord r : run.baselines()) {
      if (!r.objectives().containsKey(lat) || !r.objectives().containsKey(acc)) continue;
      double x = r.objectives().get(lat).value(), y = r.objectives().get(acc).value();
      baselines.add(x, y);
      labels.add(label(r.baseline(), x, y, BASELINE));
    }
    for (XYSeries s : List.of(others, best, estimates, baselines)) data.addSeries(s);
    JFreeChart chart = ChartFactory.createScatterPlot("Accuracy vs latency on " + device, "latency on " + device + " (ms)",
        "mAP50-95 (proxy)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    Ellipse2D dot = new Ellipse2D.Double(-4, -4, 8, 8);
    r.setSeriesPaint(0, GREY);
    r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    r.setSeriesPaint(1, FRONT);
    r.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesPaint(2, ESTIMATE);
    r.setSeriesShape(2, dot);
    r.setSeriesShapesFilled(2, false);
    r.setUseOutlinePaint(false);
    r.setSeriesStroke(2, new BasicStroke(1.5f));
    r.setSeriesPaint(3, BASELINE);
    r.setSeriesShape(3, new Rectangle2D.Double(-5, -5, 10, 10));
    plot.setRenderer(r);
    style(plot);
    labels.forEach(plot::addAnnotation);
    Double budget = run.budgets().get(device);
    if (budget != null && Double.isFinite(budget)) {
      plot.addDomainMarker(new org.jfree.chart.plot.ValueMarker(budget, FRONT, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0)));
    }
    ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    ((org.jfree.chart.axis.NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    plot.getDomainAxis().setUpperMargin(0.12);
    plot.getRangeAxis().setUpperMargin(0.08);
    return png(chart);
  }

  /** A line over generations (hypervolume, Kendall τ). */
  static byte[] perGeneration(String title, String yLabel, String seriesName, List<RunStatistics.PerGeneration> values) {
    XYSeries s = new XYSeries(seriesName);
    values.forEach(v -> s.add(v.generation(), v.value()));
    JFreeChart chart = ChartFactory.createXYLineChart(title, "generation", yLabel, new XYSeriesCollection(s),
        PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, FRONT);
    r.setSeriesStroke(0, new BasicStroke(2f));
    plot.setRenderer(r);
    plot.getDomainAxis().setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
    ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    style(plot);
    return png(chart);
  }

  private static XYTextAnnotation label(String text, double x, double y, Color color) {
    XYTextAnnotation a = new XYTextAnnotation(" " + text, x, y);
    a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
    a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    a.setPaint(color);
    return a;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
  }

  private static byte[] png(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the chart " + chart.getTitle().getText(), e);
    }
  }
}
