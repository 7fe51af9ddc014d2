package dev.kiln.cli.monitor;

import static dev.kiln.cli.monitor.Html.esc;
import static dev.kiln.cli.monitor.Html.xy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One version's prediction distribution over time as inline SVG: a stacked bar per window, as
 * wide as the window lasted, holding each class's (or bin's) share of what was predicted, with a
 * dashed line across the plot where each share would end if the predictions were distributed as
 * the reference's labels are, so a move away from the reference shows as bars leaving the dashes.
 * More windows than {@link #MAX_COLUMNS} are merged into bars that sum their counts; a bin empty
 * in the reference and in every window (an unused "(other)") is left out; a dashed vertical line
 * marks each alert, as on the other charts.
 */
final class DistributionChart {
  static final int MAX_COLUMNS = 240;
  static final List<String> COLORS = List.of("#1f6feb", "#e8833a", "#17803d", "#8250df", "#c9a227", "#0f9fae",
      "#d6609a", "#6b8fd6", "#a15c00", "#5c7a29");
  static final String OTHER = "#9a9a9a";
  private static final int W = 560;
  private static final int H = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;
  private static final int TICKS = 4;

  /** One bar: the windows it covers and their counts per bin, summed. */
  private record Column(Instant start, Instant end, int windows, long[] counts, long total) {}

  private final String title;
  private final Instant from;
  private final Instant to;

  DistributionChart(String title, Instant from, Instant to) {
    this.title = title;
    boolean empty = !to.isAfter(from);
    this.from = empty ? from.minus(Duration.ofMinutes(1)) : from;
    this.to = empty ? to.plus(Duration.ofMinutes(1)) : to;
  }

  String render(MonitorReport.DistributionSeries series, List<TimeChart.Marker> alerts) {
    List<String> bins = series.bins();
    double[] reference = series.referenceShares();
    StringBuilder s = new StringBuilder("<figure class=\"plot distribution\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
        + "width=\"" + W + "\" height=\"" + H + "\" viewBox=\"0 0 " + W + " " + H + "\" role=\"img\"><title>" + esc(title)
        + "</title>");
    s.append(text(W / 2.0, 16, title, "middle", 13, "bold"));
    axes(s);
    for (Column c : columns(series)) {
      bar(s, series.version(), bins, reference, c);
    }
    references(s, bins, reference);
    for (TimeChart.Marker m : alerts) {
      if (!m.at().isBefore(from) && !m.at().isAfter(to)) {
        s.append("<line class=\"alert\" x1=\"").append(xy(px(m.at()))).append("\" x2=\"").append(xy(px(m.at())))
            .append("\" y1=\"").append(TOP).append("\" y2=\"").append(H - BOTTOM).append("\" stroke=\"")
            .append(TimeChart.MARK).append("\" stroke-dasharray=\"2 3\"><title>").append(esc(m.note()))
            .append("</title></line>");
      }
    }
    s.append("</svg>");
    return s.append(legend(bins, reference, used(series), alerts.stream().anyMatch(m -> !m.at().isBefore(from) && !m.at().isAfter(to))))
        .append("</figure>").toString();
  }

  /** Bins that hold something in the reference or in any window. */
  private static boolean[] used(MonitorReport.DistributionSeries series) {
    boolean[] used = new boolean[series.bins().size()];
    for (int b = 0; b < used.length; b++) {
      used[b] = series.reference().get(b) > 0;
    }
    for (MonitorReport.DistributionPoint p : series.points()) {
      for (int b = 0; b < used.length; b++) {
        used[b] |= p.distribution().current().get(b) > 0;
      }
    }
    return used;
  }

  static String color(List<String> bins, int i) {
    return bins.get(i).equals("(other)") ? OTHER : COLORS.get(i % COLORS.size());
  }

  private static List<Column> columns(MonitorReport.DistributionSeries series) {
    List<MonitorReport.DistributionPoint> points = series.points();
    int per = Math.max(1, (points.size() + MAX_COLUMNS - 1) / MAX_COLUMNS);
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i += per) {
      List<MonitorReport.DistributionPoint> merged = points.subList(i, Math.min(points.size(), i + per));
      long[] counts = new long[series.bins().size()];
      long total = 0;
      for (MonitorReport.DistributionPoint p : merged) {
        for (int b = 0; b < counts.length; b++) {
          counts[b] += p.distribution().current().get(b);
          total += p.distribution().current().get(b);
        }
      }
      out.add(new Column(merged.get(0).window().start(), merged.get(merged.size() - 1).window().end(), merged.size(),
          counts, total));
    }
    return out;
  }

  private void bar(StringBuilder s, String version, List<String> bins, double[] reference, Column c) {
    double x0 = px(c.start());
    double width = Math.max(px(c.end()) - x0, 0.5);
    String when = Html.time(c.start()) + " – " + Html.time(c.end())
        + (c.windows() > 1 ? " (" + c.windows() + " windows)" : "");
    if (c.total() == 0) {
      s.append("<rect class=\"empty\" x=\"").append(xy(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
          .append(xy(width)).append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"#e5e5e5\"><title>")
          .append(esc(version + ", " + when + ": no predictions counted")).append("</title></rect>");
      return;
    }
    double below = 0;
    for (int b = 0; b < bins.size(); b++) {
      if (c.counts()[b] == 0) {
        continue;
      }
      double share = (double) c.counts()[b] / c.total();
      double top = py(below + share);
      s.append("<rect class=\"share\" shape-rendering=\"crispEdges\" x=\"").append(xy(x0)).append("\" y=\"").append(xy(top)).append("\" width=\"")
          .append(xy(width)).append("\" height=\"").append(xy(py(below) - top)).append("\" fill=\"")
          .append(color(bins, b)).append("\"><title>").append(esc(version + ", " + when + ": " + bins.get(b) + " "
              + Html.percent(share) + " (" + c.counts()[b] + " of " + c.total() + "), reference "
              + Html.percent(reference[b]))).append("</title></rect>");
      below += share;
    }
  }

  /** A dashed line where each bin's reference share ends, stacked as the bars are. */
  private static void references(StringBuilder s, List<String> bins, double[] reference) {
    double below = 0;
    for (int b = 0; b < bins.size() - 1; b++) {
      below += reference[b];
      if (reference[b] == 0 || below >= 1 - 1e-12) {
        continue;
      }
      s.append("<line class=\"reference\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT).append("\" y1=\"")
          .append(xy(py(below))).append("\" y2=\"").append(xy(py(below))).append("\" stroke=\"#222\" stroke-width=\"1.2\" "
              + "stroke-dasharray=\"6 4\"><title>").append(esc("reference: " + bins.get(b) + " "
              + Html.percent(reference[b]) + ", " + Html.percent(below) + " up to it")).append("</title></line>");
    }
  }

  private void axes(StringBuilder s) {
    s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(W - LEFT - RIGHT)
        .append("\" height=\"").append(H - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#888\"/>");
    for (int i = 0; i <= TICKS; i++) {
      double share = (double) i / TICKS;
      s.append(text(LEFT - 4, py(share) + 4, Math.round(share * 100) + "%", "end", 10, "normal"));
    }
    for (int i = 0; i <= TICKS; i++) {
      Instant t = from.plusMillis((long) ((to.toEpochMilli() - from.toEpochMilli()) * ((double) i / TICKS)));
      s.append(text(px(t), H - BOTTOM + 14, Html.tick(t), i == 0 ? "start" : i == TICKS ? "end" : "middle", 10,
          "normal"));
    }
    s.append(text((LEFT + W - RIGHT) / 2.0, H - 6, "time (UTC)", "middle", 11, "normal"));
    double mid = (TOP + H - BOTTOM) / 2.0;
    s.append("<text x=\"12\" y=\"").append(xy(mid)).append("\" font-size=\"11\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 12 ").append(xy(mid)).append(")\">share of predictions</text>");
  }

  private static String legend(List<String> bins, double[] reference, boolean[] used, boolean alerts) {
    StringBuilder s = new StringBuilder("<figcaption>");
    for (int b = 0; b < bins.size(); b++) {
      if (used[b]) {
        s.append("<span class=\"bin\"><span class=\"key\" style=\"background:").append(color(bins, b))
            .append("\"></span>").append(esc(bins.get(b))).append(" <span class=\"muted\">(reference ")
            .append(Html.percent(reference[b])).append(")</span></span>");
      }
    }
    s.append(" <span class=\"muted\">- - reference shares</span>");
    if (alerts) {
      s.append(" <span style=\"color:").append(TimeChart.MARK).append("\">┆ alert</span>");
    }
    return s.append("</figcaption>").toString();
  }

  private double px(Instant t) {
    double span = to.toEpochMilli() - from.toEpochMilli();
    return LEFT + (t.toEpochMilli() - from.toEpochMilli()) / span * (W - LEFT - RIGHT);
  }

  private static double py(double share) {
    return H - BOTTOM - share * (H - TOP - BOTTOM);
  }

  private static String text(double x, double y, String t, String anchor, int size, String weight) {
    return "<text x=\"" + xy(x) + "\" y=\"" + xy(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\""
        + ("bold".equals(weight) ? " font-weight=\"bold\"" : "") + ">" + esc(t) + "</text>";
  }
}
