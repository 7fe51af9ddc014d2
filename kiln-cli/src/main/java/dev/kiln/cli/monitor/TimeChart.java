package dev.kiln.cli.monitor;

import static dev.kiln.cli.monitor.Html.esc;
import static dev.kiln.cli.monitor.Html.xy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A line chart over time as inline SVG, one line per series (a version, a percentile): the y
 * axis from zero (or the lowest value) to the highest value or threshold, an optional dashed
 * threshold, marked points drawn large and red (a drifted window), and a dashed vertical line at
 * each alert. A NaN value breaks its line. The legend is HTML under the chart, so names of any
 * length stay readable.
 */
final class TimeChart {
  static final String STYLE = "figure.plot{display:inline-block;margin:0 1.5em 1.5em 0;vertical-align:top}"
      + "figure.plot figcaption{font-size:12px;max-width:560px;overflow-wrap:anywhere}"
      + "figure.plot figcaption span.key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}"
      + "figure.plot figcaption span.bin{white-space:nowrap}";
  static final List<String> COLORS = List.of("#1f6feb", "#e8833a", "#17803d", "#8250df", "#6b8fd6", "#a15c00");
  static final String MARK = "#b42318";
  private static final int W = 560;
  private static final int H = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;
  private static final int TICKS = 4;

  /** One value at one time; {@code marked} draws it as a red point, {@code note} is its tooltip. */
  record Point(Instant at, double value, boolean marked, String note) {}

  /** A line: its color (an index into {@link #COLORS}, so a version keeps its color on every chart), dashed or not. */
  record Series(String name, List<Point> points, int color, boolean dashed) {}

  /** A time worth a vertical line (an alert) with its tooltip. */
  record Marker(Instant at, String note) {}

  private final String title;
  private final String yLabel;
  private final Instant from;
  private final Instant to;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private OptionalDouble threshold = OptionalDouble.empty();
  private String markMeaning = "drifted";

  TimeChart(String title, String yLabel, Instant from, Instant to) {
    this.title = title;
    this.yLabel = yLabel;
    boolean empty = !to.isAfter(from);
    this.from = empty ? from.minus(Duration.ofMinutes(1)) : from;
    this.to = empty ? to.plus(Duration.ofMinutes(1)) : to;
  }

  TimeChart series(String name, List<Point> points) {
    return series(name, points, series.size(), false);
  }

  TimeChart series(String name, List<Point> points, int color, boolean dashed) {
    series.add(new Series(name, List.copyOf(points), color, dashed));
    return this;
  }

  /** What a marked point means, for the legend (default: drifted). */
  TimeChart marks(String meaning) {
    this.markMeaning = meaning;
    return this;
  }

  TimeChart threshold(double value) {
    if (Double.isFinite(value)) {
      threshold = OptionalDouble.of(value);
    }
    return this;
  }

  TimeChart markers(List<Marker> all) {
    all.stream().filter(m -> !m.at().isBefore(from) && !m.at().isAfter(to)).forEach(markers::add);
    return this;
  }

  String render() {
    double[] range = yRange();
    StringBuilder s = new StringBuilder("<figure class=\"plot\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W
        + "\" height=\"" + H + "\" viewBox=\"0 0 " + W + " " + H + "\" role=\"img\"><title>" + esc(title) + "</title>");
    s.append(text(W / 2.0, 16, title, "middle", 13, "bold"));
    axes(s, range);
    threshold.ifPresent(t -> s.append("<line class=\"threshold\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
        .append("\" y1=\"").append(xy(py(t, range))).append("\" y2=\"").append(xy(py(t, range)))
        .append("\" stroke=\"#888\" stroke-dasharray=\"6 4\"><title>threshold ").append(Html.num(t))
        .append("</title></line>"));
    for (Marker m : markers) {
      s.append("<line class=\"alert\" x1=\"").append(xy(px(m.at()))).append("\" x2=\"").append(xy(px(m.at())))
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"").append(MARK)
          .append("\" stroke-dasharray=\"2 3\"><title>").append(esc(m.note())).append("</title></line>");
    }
    for (Series se : series) {
      line(s, se, range);
    }
    s.append("</svg>");
    return s.append(legend()).append("</figure>").toString();
  }

  /** From the lowest value (or zero) to the highest value or threshold, widened to round ticks: {bottom, top, step}. */
  private double[] yRange() {
    double lo = 0;
    double hi = threshold.orElse(0);
    for (Series se : series) {
      for (Point p : se.points()) {
        if (Double.isFinite(p.value())) {
          lo = Math.min(lo, p.value());
          hi = Math.max(hi, p.value());
        }
      }
    }
    if (hi <= lo) {
      hi = lo + 1;
    }
    double step = niceStep((hi - lo) / TICKS);
    double bottom = Math.floor(lo / step + 1e-9) * step;
    return new double[] {bottom, bottom + step * Math.ceil((hi - bottom) / step - 1e-9), step};
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private void axes(StringBuilder s, double[] range) {
    s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
        .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#888\"/>");
    for (double v = range[0]; v <= range[1] + range[2] / 2; v += range[2]) {
      double tick = Math.round(v / range[2]) * range[2];
      s.append(text(LEFT - 4, py(tick, range) + 4, Html.num(tick), "end", 10, "normal"));
    }
    for (int i = 0; i <= TICKS; i++) {
      Instant t = from.plusMillis((long) ((to.toEpochMilli() - from.toEpochMilli()) * ((double) i / TICKS)));
      s.append(text(px(t), H - BOTTOM + 14, Html.tick(t), i == 0 ? "start" : i == TICKS ? "end" : "middle", 10,
          "normal"));
    }
    s.append(text((LEFT + W - RIGHT) / 2.0, H - 6, "time (UTC)", "middle", 11, "normal"));
    double mid = (TOP + H - BOTTOM) / 2.0;
    s.append("<text x=\"12\" y=\"").append(xy(mid)).append("\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
        .append(xy(mid)).append(")\">").append(esc(yLabel)).append("</text>");
  }

  private static String color(Series se) {
    return COLORS.get(se.color() % COLORS.size());
  }

  private void line(StringBuilder s, Series se, double[] range) {
    String color = color(se);
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (Point p : se.points()) {
      if (!Double.isFinite(p.value())) {
        pen = false;
        continue;
      }
      d.append(pen ? "L" : "M").append(xy(px(p.at()))).append(' ').append(xy(py(p.value(), range)));
      pen = true;
    }
    s.append("<path class=\"series\" d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(color)
        .append("\" stroke-width=\"1.8\"").append(se.dashed() ? " stroke-dasharray=\"5 3\"" : "").append("><title>").append(esc(se.name())).append("</title></path>");
    for (Point p : se.points()) {
      if (Double.isFinite(p.value())) {
        s.append("<circle").append(p.marked() ? " class=\"marked\"" : "").append(" cx=\"").append(xy(px(p.at())))
            .append("\" cy=\"").append(xy(py(p.value(), range))).append("\" r=\"").append(p.marked() ? 4 : 2)
            .append("\" fill=\"").append(p.marked() ? MARK : color).append("\"><title>").append(esc(p.note()))
            .append("</title></circle>");
      }
    }
  }

  private String legend() {
    StringBuilder s = new StringBuilder("<figcaption>");
    for (Series se : series) {
      s.append("<span class=\"key\" style=\"").append(se.dashed() ? "border-top:3px dashed " + color(se) + ";height:0"
          : "background:" + color(se)).append("\"></span>").append(esc(se.name()));
    }
    if (threshold.isPresent()) {
      s.append(" <span class=\"muted\">- - threshold ").append(Html.num(threshold.getAsDouble())).append("</span>");
    }
    if (series.stream().anyMatch(se -> se.points().stream().anyMatch(Point::marked))) {
      s.append("<span class=\"key\" style=\"background:").append(MARK).append(";border-radius:5px\"></span>").append(esc(markMeaning));
    }
    if (!markers.isEmpty()) {
      s.append(" <span style=\"color:").append(MARK).append("\">┆ alert</span>");
    }
    return s.append("</figcaption>").toString();
  }

  private double px(Instant t) {
    double span = to.toEpochMilli() - from.toEpochMilli();
    return LEFT + (t.toEpochMilli() - from.toEpochMilli()) / span * (W - LEFT - RIGHT);
  }

  private static double py(double v, double[] range) {
    return H - BOTTOM - (v - range[0]) / (range[1] - range[0]) * (H - TOP - BOTTOM);
  }

  private static String text(double x, double y, String t, String anchor, int size, String weight) {
    return "<text x=\"" + xy(x) + "\" y=\"" + xy(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\""
        + ("bold".equals(weight) ? " font-weight=\"bold\"" : "") + ">" + esc(t) + "</text>";
  }
}
