package dev.kiln.cli.monitor;

import static dev.kiln.cli.monitor.Html.esc;
import static dev.kiln.cli.monitor.Html.xy;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.stats.drift.DriftTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drift per feature over time as an inline SVG grid: a row per feature (its name in full), a
 * column per window, red where the feature's test said drifted and shades of amber below the
 * threshold (how close it came), grey where the test had nothing to say. More windows than
 * {@link #MAX_COLUMNS} are merged into columns that show their worst window, so the page stays
 * small whatever the period.
 */
final class Heatmap {
  static final int MAX_COLUMNS = 240;
  private static final Map<String, Boolean> P_VALUE = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int PLOT = 560;
  private static final int ROW = 16;
  private static final int TOP = 28;
  private static final int BOTTOM = 34;

  private Heatmap() {}

  /** One column: the windows it covers, and their drift by feature name. */
  private record Column(List<MonitorWindow> windows, List<Map<String, FeatureDrift>> drift) {
    static Column of(List<MonitorWindow> windows) {
      List<Map<String, FeatureDrift>> drift = new ArrayList<>();
      for (MonitorWindow w : windows) {
        Map<String, FeatureDrift> byName = new HashMap<>();
        w.features().forEach(f -> byName.put(f.feature(), f));
        drift.add(byName);
      }
      return new Column(windows, drift);
    }
  }

  static String render(String title, List<String> features, List<MonitorWindow> windows) {
    List<Column> columns = columns(windows);
    int label = 10 + (int) Math.ceil(features.stream().mapToInt(String::length).max().orElse(4) * 7.2);
    int width = label + PLOT + 16;
    int height = TOP + ROW * features.size() + BOTTOM;
    double cell = (double) PLOT / Math.max(1, columns.size());
    StringBuilder s = new StringBuilder("<figure class=\"plot heatmap\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\"><title>"
        + esc(title) + "</title>");
    s.append("<text x=\"").append(xy(width / 2.0)).append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\" "
        + "text-anchor=\"middle\">").append(esc(title)).append("</text>");
    for (int r = 0; r < features.size(); r++) {
      String f = features.get(r);
      double y = TOP + r * ROW;
      s.append("<text x=\"").append(label - 6).append("\" y=\"").append(xy(y + ROW - 4))
          .append("\" font-size=\"11\" text-anchor=\"end\">").append(esc(f)).append("</text>");
      for (int c = 0; c < columns.size(); c++) {
        cell(s, f, columns.get(c), label + c * cell, y, cell);
      }
    }
    axis(s, columns, label, cell, TOP + ROW * features.size());
    return s.append("</svg>").append(legend()).append("</figure>").toString();
  }

  private static List<Column> columns(List<MonitorWindow> windows) {
    int per = (windows.size() + MAX_COLUMNS - 1) / MAX_COLUMNS;
    List<Column> out = new ArrayList<>();
    for (int i = 0; i < windows.size(); i += Math.max(1, per)) {
      out.add(Column.of(windows.subList(i, Math.min(windows.size(), i + Math.max(1, per)))));
    }
    return out;
  }

  private static void cell(StringBuilder s, String feature, Column col, double x, double y, double w) {
    FeatureDrift worst = null;
    double worstRank = Double.NEGATIVE_INFINITY;
    int drifted = 0;
    int seen = 0;
    for (Map<String, FeatureDrift> byName : col.drift()) {
      FeatureDrift f = byName.get(feature);
      if (f != null) {
        seen++;
        drifted += f.drifted() ? 1 : 0;
        double rank = rank(f);
        if (worst == null || rank > worstRank) {
          worst = f;
          worstRank = rank;
        }
      }
    }
    MonitorWindow first = col.windows().get(0);
    MonitorWindow last = col.windows().get(col.windows().size() - 1);
    StringBuilder note = new StringBuilder(feature).append(", ").append(Html.time(first.start())).append(" – ")
        .append(Html.time(last.end())).append(": ");
    if (worst == null) {
      note.append("not tested");
    } else {
      note.append(worst.test()).append(' ').append(Html.num(worst.statistic())).append(" (threshold ")
          .append(Html.num(worst.threshold())).append(")").append(worst.drifted() ? ", drifted" : "");
      if (col.windows().size() > 1) {
        note.append("; ").append(drifted).append(" of ").append(seen).append(" windows drifted");
      }
    }
    s.append("<rect").append(drifted > 0 ? " class=\"drifted\"" : "").append(" x=\"").append(xy(x)).append("\" y=\"")
        .append(xy(y)).append("\" width=\"").append(xy(Math.max(w, 0.5))).append("\" height=\"").append(ROW - 1)
        .append("\" fill=\"").append(worst == null ? "#e5e5e5" : color(worst)).append("\"><title>").append(esc(note.toString()))
        .append("</title></rect>");
  }

  private static void axis(StringBuilder s, List<Column> columns, int left, double cell, int y) {
    if (columns.isEmpty()) {
      return;
    }
    int[] at = columns.size() == 1 ? new int[] {0} : new int[] {0, columns.size() / 2, columns.size() - 1};
    String[] anchor = columns.size() == 1 ? new String[] {"start"} : new String[] {"start", "middle", "end"};
    for (int i = 0; i < at.length; i++) {
      Column c = columns.get(at[i]);
      double x = i == 0 ? left : i == at.length - 1 ? left + (at[i] + 1) * cell : left + (at[i] + 0.5) * cell;
      s.append("<text x=\"").append(xy(x)).append("\" y=\"").append(y + 14).append("\" font-size=\"10\" text-anchor=\"")
          .append(anchor[i]).append("\">").append(esc(Html.tick(i == at.length - 1 && i > 0
              ? c.windows().get(c.windows().size() - 1).end() : c.windows().get(0).start()))).append("</text>");
    }
    s.append("<text x=\"").append(xy(left + PLOT / 2.0)).append("\" y=\"").append(y + 28)
        .append("\" font-size=\"11\" text-anchor=\"middle\">windows, time (UTC)</text>");
  }

  private static String legend() {
    StringBuilder s = new StringBuilder("<figcaption>");
    for (Map.Entry<String, String> e : List.of(Map.entry("far below the threshold", color(0.05, false)),
        Map.entry("near the threshold", color(0.45, false)), Map.entry("drifted", color(0.6, true)),
        Map.entry("far beyond", color(1, true)), Map.entry("not tested", "#e5e5e5"))) {
      s.append("<span class=\"key\" style=\"background:").append(e.getValue()).append("\"></span>").append(esc(e.getKey()));
    }
    return s.append("</figcaption>").toString();
  }

  /** How far a test went towards drift: 0.5 at its threshold, 1 at twice as far, NaN when it has no score. */
  static double severity(FeatureDrift f) {
    double v = f.statistic();
    double t = f.threshold();
    if (Double.isNaN(v)) {
      return Double.NaN;
    }
    boolean pValue = P_VALUE.computeIfAbsent(f.test(), label -> DriftTest.fromLabel(label).map(DriftTest::hasPValue).orElse(false));
    double ratio;
    if (pValue) {
      ratio = v <= 0 ? 2 : t <= 0 || t >= 1 ? (f.drifted() ? 1 : 0) : Math.log(v) / Math.log(t);
    } else {
      ratio = t > 0 ? v / t : f.drifted() ? 1 : 0;
    }
    return Math.max(0, Math.min(ratio, 2)) / 2;
  }

  private static double rank(FeatureDrift f) {
    double s = severity(f);
    return (f.drifted() ? 10 : 0) + (Double.isNaN(s) ? -1 : s);
  }

  private static String color(FeatureDrift f) {
    double s = severity(f);
    return color(Double.isNaN(s) ? 0 : s, f.drifted());
  }

  /** Amber shades up to the threshold; red beyond it, darker the further; the test's verdict picks the scale. */
  private static String color(double severity, boolean drifted) {
    if (drifted) {
      double t = Math.max(0, Math.min(1, (severity - 0.5) * 2));
      return rgb(232 - 93 * t, 131 - 105 * t, 58 - 42 * t);
    }
    double t = Math.max(0, Math.min(1, severity * 2));
    return rgb(247 - 5 * t, 247 - 54 * t, 247 - 169 * t);
  }

  private static String rgb(double r, double g, double b) {
    return String.format(java.util.Locale.ROOT, "rgb(%d,%d,%d)", Math.round(r), Math.round(g), Math.round(b));
  }
}
