package dev.kiln.cli.monitor;

import static dev.kiln.cli.monitor.Html.esc;

import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.stats.drift.DriftTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report's drift sections: per version a heatmap of every feature over time, a table of each
 * feature's test and how often it drifted, a line chart per drifted feature, and the
 * predictions' drift; drifted windows are red wherever they appear.
 */
final class DriftSections {
  /** Line charts of single features, beyond which drifted features are only named. */
  static final int MAX_FEATURE_CHARTS = 12;
  /** Rows of a drift heatmap, beyond which only the features closest to drifting get one. */
  static final int MAX_HEATMAP_ROWS = 60;

  private DriftSections() {}

  static void drift(StringBuilder h, MonitorReport r) {
    List<String> names = heatmapRows(r.features());
    if (names.size() < r.features().size()) {
      MonitorReportHtml.note(h, "The heatmaps show the " + names.size() + " of " + r.features().size() + " features that came closest "
          + "to drifting (those that drifted in most windows first); the table lists all.");
    }
    for (String v : r.versions()) {
      List<MonitorWindow> ws = r.windowsOf(v).stream().filter(w -> !w.features().isEmpty()).toList();
      if (!ws.isEmpty()) {
        h.append(Heatmap.render("Drift per feature, " + v, names, ws));
      }
    }
    h.append("\n<table><tr><th>feature</th><th>test</th><th>windows tested</th><th>drifted</th><th>last statistic</th>"
        + "<th>threshold</th></tr>");
    List<MonitorReport.DriftSeries> drifted = new ArrayList<>();
    for (MonitorReport.DriftSeries s : r.features()) {
      FeatureDrift last = s.points().get(s.points().size() - 1).drift();
      h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(last.test())).append("</td><td class=\"n\">")
          .append(s.points().size()).append("</td><td class=\"n").append(s.driftedWindows() > 0 ? " fail" : "").append("\">")
          .append(s.driftedWindows()).append("</td><td class=\"n\">").append(Html.num(last.statistic()))
          .append("</td><td class=\"n\">").append(Html.num(last.threshold())).append("</td></tr>");
      if (s.driftedWindows() > 0) {
        drifted.add(s);
      }
    }
    h.append("</table>\n");
    drifted.stream().limit(MAX_FEATURE_CHARTS).forEach(s -> h.append(driftChart(r, s, "Drift of " + s.name())));
    if (drifted.size() > MAX_FEATURE_CHARTS) {
      MonitorReportHtml.note(h, (drifted.size() - MAX_FEATURE_CHARTS) + " more features drifted: " + String.join(", ",
          drifted.stream().skip(MAX_FEATURE_CHARTS).map(MonitorReport.DriftSeries::name).toList()) + ".");
    }
  }

  /**
   * Every feature when there are few; otherwise the {@link #MAX_HEATMAP_ROWS} that came closest to
   * drifting (most drifted windows first, then the highest severity), in signature order, so a page
   * over 1,500 columns stays small.
   */
  static List<String> heatmapRows(List<MonitorReport.DriftSeries> features) {
    if (features.size() <= MAX_HEATMAP_ROWS) {
      return features.stream().map(MonitorReport.DriftSeries::name).toList();
    }
    Map<String, Double> closeness = new java.util.HashMap<>();
    features.forEach(f -> closeness.put(f.name(), f.driftedWindows() + worstSeverity(f)));
    java.util.Set<String> keep = features.stream().map(MonitorReport.DriftSeries::name)
        .sorted(java.util.Comparator.comparingDouble(closeness::get).reversed())
        .limit(MAX_HEATMAP_ROWS).collect(java.util.stream.Collectors.toSet());
    return features.stream().map(MonitorReport.DriftSeries::name).filter(keep::contains).toList();
  }

  private static double worstSeverity(MonitorReport.DriftSeries s) {
    return s.points().stream().mapToDouble(p -> Heatmap.severity(p.drift())).filter(d -> !Double.isNaN(d)).max()
        .orElse(0);
  }

  static void prediction(StringBuilder h, MonitorReport r, MonitorReport.DriftSeries p) {
    h.append(driftChart(r, p, "Prediction drift"));
    boolean psiShown = p.points().stream().anyMatch(x -> x.drift().test().equals("psi"));
    if (!psiShown && p.points().stream().anyMatch(x -> Double.isFinite(x.drift().psi()))) {
      TimeChart c = MonitorReportHtml.chart(r, "Prediction PSI", "PSI");
      for (String v : r.versions()) {
        c.series(v, p.points().stream().filter(x -> MonitorReport.label(x.window()).equals(v))
            .map(x -> new TimeChart.Point(x.end(), x.drift().psi(), false, v + ", " + Html.time(x.end()) + ": PSI "
                + Html.num(x.drift().psi()))).toList(), r.versions().indexOf(v), false);
      }
      h.append(c.threshold(0.25).render());
    }
  }

  private static String driftChart(MonitorReport r, MonitorReport.DriftSeries s, String title) {
    FeatureDrift last = s.points().get(s.points().size() - 1).drift();
    boolean pValue = DriftTest.fromLabel(last.test()).map(DriftTest::hasPValue).orElse(false);
    TimeChart c = MonitorReportHtml.chart(r, title, last.test() + (pValue ? " p-value" : " statistic"));
    for (String v : r.versions()) {
      List<TimeChart.Point> points = new ArrayList<>();
      for (MonitorReport.DriftPoint p : s.points()) {
        if (MonitorReport.label(p.window()).equals(v)) {
          points.add(new TimeChart.Point(p.end(), p.drift().statistic(), p.drift().drifted(), v + ", "
              + Html.time(p.end()) + ": " + p.drift().test() + " " + Html.num(p.drift().statistic()) + " (threshold "
              + Html.num(p.drift().threshold()) + ")" + (p.drift().drifted() ? ", drifted" : "")));
        }
      }
      if (!points.isEmpty()) {
        c.series(v, points, r.versions().indexOf(v), false);
      }
    }
    return c.threshold(last.threshold()).render();
  }
}
