package org.edgenas.results;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.edgenas.evaluation.Evaluation;
import org.edgenas.evaluation.Kind;
import org.edgenas.evaluation.Measure;
import org.edgenas.recipe.Objective;
import org.edgenas.run.Baseline;
import org.edgenas.run.Run;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The report's plots (JFreeChart, headless). Every axis range is set from the data:
 * {@link #fit} widens a constant series or a single point to a span whose ticks read as distinct
 * plain numbers, and a plot with no points is not drawn (the report says so instead).
 */
final class ReportCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 760, HEIGHT = 430;
  private static final Color GREY = new Color(150, 150, 150), FRONT = new Color(200, 40, 40),
      ESTIMATE = new Color(40, 90, 200), BASELINE = new Color(30, 140, 60);

  /** A drawn plot: the PNG and the tick labels of its axes as drawn (for the alt text and for checks). */
  record Picture(byte[] png, List<String> xTicks, List<String> yTicks) {}

  private ReportCharts() {}

  /**
   * Accuracy against latency on one device: every evaluation, the front highlighted, estimates
   * hollow, baselines labelled, the budget dashed; null when no evaluation has both values.
   */
  static JFreeChart front(Run run, String device, List<Evaluation> front) {
    String lat = Objective.key("latency_ms", device), acc = run.accuracy().key();
    Set<String> onFront = front.stream().map(Evaluation::hash).collect(Collectors.toSet());
    XYSeries others = new XYSeries("evaluated (measured)", false), best = new XYSeries("Pareto front of the run", false),
        estimates = new XYSeries("estimate (surrogate mAP or predicted latency, not measured)", false),
        baselines = new XYSeries("reference baselines", false);
    List<XYTextAnnotation> labels = new ArrayList<>();
    for (Evaluation r : run.candidates()) {
      Measure x = r.values().get(lat), y = r.values().get(acc);
      if (x == null || y == null) continue;
      if (x.kind() == Kind.ESTIMATE || y.kind() == Kind.ESTIMATE) {
        estimates.add(x.value(), y.value());
        labels.add(label("estimate", x.value(), y.value(), ESTIMATE));
      } else if (onFront.contains(r.hash())) best.add(x.value(), y.value());
      else others.add(x.value(), y.value());
    }
    for (Baseline b : run.baselines()) {
      Measure x = b.evaluation().values().get(lat), y = b.evaluation().values().get(acc);
      if (x == null || y == null) continue;
      baselines.add(x.value(), y.value());
      labels.add(label(b.name(), x.value(), y.value(), BASELINE));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (XYSeries s : List.of(others, best, estimates, baselines)) data.addSeries(s);
    if (others.isEmpty() && best.isEmpty() && estimates.isEmpty() && baselines.isEmpty()) return null;
    JFreeChart chart = ChartFactory.createScatterPlot("Accuracy vs latency on " + device, "latency on " + device + " (ms)",
        acc.equals(Objective.TRAINING_SPEED) ? "training speed (minus mean training loss; an estimate, not an mAP)" : "mAP50-95 (proxy)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
    r.setSeriesPaint(0, GREY);
    r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    r.setSeriesPaint(1, FRONT);
    r.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesPaint(2, ESTIMATE);
    r.setSeriesShape(2, new Ellipse2D.Double(-4, -4, 8, 8));
    r.setSeriesShapesFilled(2, false);
    r.setUseOutlinePaint(false);
    r.setSeriesStroke(2, new BasicStroke(1.5f));
    r.setSeriesPaint(3, BASELINE);
    r.setSeriesShape(3, new Rectangle2D.Double(-5, -5, 10, 10));
    plot.setRenderer(r);
    style(plot);
    labels.forEach(plot::addAnnotation);
    double xLo = data.getDomainLowerBound(false), xHi = data.getDomainUpperBound(false);
    Double budget = run.budgets().get(device);
    if (budget != null && Double.isFinite(budget)) {
      plot.addDomainMarker(new ValueMarker(budget, FRONT, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0)));
      xLo = Math.min(xLo, budget);
      xHi = Math.max(xHi, budget);
    }
    NumberAxis xAxis = (NumberAxis) plot.getDomainAxis();
    fit(xAxis, xLo, xHi);
    xAxis.setUpperBound(xAxis.getUpperBound() + 0.12 * xAxis.getRange().getLength()); // room for the labels right of the points
    fit((NumberAxis) plot.getRangeAxis(), data.getRangeLowerBound(false), data.getRangeUpperBound(false));
    return chart;
  }

  /**
   * A line over generations (hypervolume, Kendall τ). {@code bounds} fixes the value axis of a
   * bounded statistic (τ: [-1, 1]); null fits it to the values.
   */
  static JFreeChart perGeneration(String title, String yLabel, String seriesName, List<RunStatistics.PerGeneration> values, double[] bounds) {
    XYSeries s = new XYSeries(seriesName);
    values.forEach(v -> s.add(v.generation(), v.value()));
    JFreeChart chart = ChartFactory.createXYLineChart(title, "generation", yLabel, new XYSeriesCollection(s),
        PlotOrientation.VERTICAL, false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, FRONT);
    r.setSeriesStroke(0, new BasicStroke(2f));
    plot.setRenderer(r);
    NumberAxis x = (NumberAxis) plot.getDomainAxis();
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setRange(s.getMinX() - 0.5, s.getMaxX() + 0.5);
    NumberAxis y = (NumberAxis) plot.getRangeAxis();
    if (bounds != null) y.setRange(bounds[0], bounds[1]);
    else fit(y, s.getMinY(), s.getMaxY());
    style(plot);
    return chart;
  }

  /**
   * Shows [lo, hi] with a margin. A span narrower than 2% of the values' size (a constant series,
   * one point) is widened to that, so the ticks are distinct plain numbers rather than one value
   * repeated in scientific notation.
   */
  static void fit(NumberAxis axis, double lo, double hi) {
    double mid = (lo + hi) / 2, half = (hi - lo) / 2;
    double least = mid != 0 ? Math.abs(mid) * 0.02 : 0.5;
    half = Math.max(half * 1.1, least);
    axis.setAutoRangeIncludesZero(false);
    axis.setRange(mid - half, mid + half);
  }

  /** Draws the chart and records the tick labels its axes were drawn with. */
  static Picture draw(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = image.createGraphics();
    try {
      ChartRenderingInfo info = new ChartRenderingInfo();
      chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT), info);
      Rectangle2D area = info.getPlotInfo().getDataArea();
      XYPlot plot = chart.getXYPlot();
      List<String> x = labels(plot.getDomainAxis().refreshTicks(g2, new AxisState(), area, RectangleEdge.BOTTOM));
      List<String> y = labels(plot.getRangeAxis().refreshTicks(g2, new AxisState(), area, RectangleEdge.LEFT));
      return new Picture(ChartUtils.encodeAsPNG(image), x, y);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart " + chart.getTitle().getText(), e);
    } finally {
      g2.dispose();
    }
  }

  private static List<String> labels(List<?> ticks) {
    return ticks.stream().map(t -> ((Tick) t).getText()).filter(t -> t != null && !t.isEmpty()).toList();
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
}
