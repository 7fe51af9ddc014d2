package dev.kiln.cli.monitor;

import static dev.kiln.cli.monitor.Html.esc;

import dev.kiln.release.monitor.Alert;
import dev.kiln.release.monitor.MonitorWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A {@link MonitorReport} as one self-contained HTML page in the style of the data and
 * evaluation reports: input drift as a heatmap per version and a line per drifted feature,
 * prediction drift, the prediction distribution per version against the reference's, latency,
 * errors and traffic, live accuracy once labels arrived, and the
 * alerts with what their actions did. Charts are inline SVG with the alerts drawn on them; the
 * page loads nothing from anywhere and runs no script.
 */
public final class MonitorReportHtml {
  private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1250px}"
      + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:3px 8px;"
      + "text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right}"
      + "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.5em}.muted,.note{color:#666}"
      + ".fail{color:#b42318;font-weight:600}.ok{color:#17803d}" + TimeChart.STYLE;

  private MonitorReportHtml() {}

  public static void write(MonitorReport r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(r));
  }

  public static String render(MonitorReport r) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiln "
        + "monitor: " + esc(r.environment()) + "</title><style>" + STYLE + "</style></head><body>\n");
    h.append("<h1>Monitor report: ").append(esc(r.environment())).append("</h1>\n");
    summary(h, r);
    section(h, "drift", "Input drift", () -> {
      if (r.features().isEmpty()) {
        note(h, r.windows().isEmpty() ? none(r) : "No window was tested for input drift (the serving versions have no "
            + "reference profile).");
      } else {
        DriftSections.drift(h, r);
      }
    });
    section(h, "prediction", "Predictions", () -> r.prediction().ifPresentOrElse(p -> DriftSections.prediction(h, r, p),
        () -> note(h, r.windows().isEmpty() ? none(r) : "No window was tested for prediction drift (no reference "
            + "predictions).")));
    section(h, "distribution", "Prediction distribution", () -> {
      if (r.distributions().isEmpty()) {
        note(h, r.windows().isEmpty() ? none(r) : "No window recorded the predictions' distribution (no reference "
            + "predictions, or windows recorded by an older gateway).");
      } else {
        r.distributions().forEach(d -> h.append(new DistributionChart("Prediction distribution, " + d.version(),
            earliest(r), latest(r)).render(d, alertMarkers(r))));
      }
    });
    section(h, "traffic", "Latency, errors and traffic", () -> {
      if (r.windows().isEmpty()) {
        note(h, none(r));
      } else {
        traffic(h, r);
      }
    });
    section(h, "accuracy", "Live accuracy", () -> {
      if (r.labelled().isEmpty()) {
        note(h, r.windows().isEmpty() ? none(r) : "No labels have arrived for these windows yet (POST /feedback).");
      } else {
        accuracy(h, r);
      }
    });
    section(h, "alerts", "Alerts", () -> alerts(h, r));
    return h.append("<p class=\"note\">Written by Kiln. What the tests and figures mean: docs/monitoring.md.</p>"
        + "</body></html>\n").toString();
  }

  private static void summary(StringBuilder h, MonitorReport r) {
    h.append("<p>From ").append(Html.time(r.since())).append(" to ").append(Html.time(r.until())).append(": ")
        .append(r.windows().size()).append(r.windows().size() == 1 ? " closed window" : " closed windows").append(", ")
        .append(r.alerts().size()).append(r.alerts().size() == 1 ? " alert." : " alerts.").append("</p>\n");
    if (r.windows().isEmpty()) {
      return;
    }
    h.append("<table><tr><th>version</th><th>windows</th><th>requests</th><th>errors</th><th>from</th><th>to</th></tr>");
    for (String v : r.versions()) {
      List<MonitorWindow> ws = r.windowsOf(v);
      long requests = ws.stream().mapToLong(MonitorWindow::requests).sum();
      long errors = ws.stream().mapToLong(MonitorWindow::errors).sum();
      h.append("<tr><td>").append(esc(v)).append("</td><td class=\"n\">").append(ws.size()).append("</td><td class=\"n\">")
          .append(requests).append("</td><td class=\"n\">").append(errors).append("</td><td>")
          .append(Html.time(ws.get(0).start())).append("</td><td>").append(Html.time(ws.get(ws.size() - 1).end()))
          .append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void traffic(StringBuilder h, MonitorReport r) {
    TimeChart latency = chart(r, "Latency", "milliseconds");
    for (int i = 0; i < r.versions().size(); i++) {
      String v = r.versions().get(i);
      latency.series(v + " p50", points(r, v, MonitorWindow::latencyP50Ms, w -> "p50 " + Html.num(w.latencyP50Ms()) + " ms"),
          i, true);
      latency.series(v + " p99", points(r, v, MonitorWindow::latencyP99Ms, w -> "p99 " + Html.num(w.latencyP99Ms()) + " ms"),
          i, false);
    }
    h.append(latency.render());
    h.append(perVersion(r, "Error rate", "share of requests", MonitorWindow::errorRate,
        w -> w.errors() + " errors of " + w.requests() + " requests (" + Html.percent(w.errorRate()) + ")"));
    h.append(perVersion(r, "Requests per window", "requests", w -> w.requests(), w -> w.requests() + " requests"));
  }

  private static void accuracy(StringBuilder h, MonitorReport r) {
    for (String metric : r.metrics()) {
      TimeChart c = chart(r, "Live " + metric, metric);
      for (String v : r.versions()) {
        List<MonitorWindow> ws = r.windowsOf(v).stream().filter(w -> w.labels() > 0 && w.accuracy().containsKey(metric))
            .toList();
        if (!ws.isEmpty()) {
          c.series(v, ws.stream().map(w -> new TimeChart.Point(w.end(), w.accuracy().get(metric), false, v + ", "
              + Html.time(w.end()) + ": " + metric + " " + Html.num(w.accuracy().get(metric)) + " over " + w.labels()
              + " labels")).toList(), r.versions().indexOf(v), false);
        }
      }
      h.append(c.render());
    }
    TimeChart labels = chart(r, "Labels per window", "labels");
    for (String v : r.versions()) {
      labels.series(v, r.windowsOf(v).stream().map(w -> new TimeChart.Point(w.end(), w.labels(), false, v + ", "
          + Html.time(w.end()) + ": " + w.labels() + " labels")).toList());
    }
    h.append(labels.render());
  }

  private static void alerts(StringBuilder h, MonitorReport r) {
    if (r.alerts().isEmpty()) {
      note(h, "No alert from " + Html.time(r.since()) + " on.");
      return;
    }
    TimeChart c = chart(r, "Alerts", "alerts per rule").marks("alert");
    List<String> rules = r.alerts().stream().map(Alert::rule).distinct().sorted().toList();
    for (String rule : rules) {
      List<Alert> of = new ArrayList<>(r.alerts().stream().filter(a -> a.rule().equals(rule)).toList());
      java.util.Collections.reverse(of);
      List<TimeChart.Point> points = new ArrayList<>();
      for (int i = 0; i < of.size(); i++) {
        Alert a = of.get(i);
        points.add(new TimeChart.Point(a.at(), i + 1, true, Html.time(a.at()) + ": " + a.summary()));
      }
      c.series(rule, points);
    }
    h.append(c.render());
    h.append("\n<table class=\"alerts\"><tr><th>time</th><th>rule</th><th>version</th><th>summary</th><th>actions</th></tr>");
    for (Alert a : r.alerts()) {
      h.append("<tr><td>").append(Html.time(a.at())).append("</td><td>").append(esc(a.rule())).append("</td><td>")
          .append(esc(AlertView.version(a.model(), a.version()))).append("</td><td>").append(esc(a.summary()))
          .append("</td><td>");
      if (a.actions().isEmpty()) {
        h.append("<span class=\"muted\">none recorded</span>");
      }
      for (Alert.ActionResult x : a.actions()) {
        h.append("<div><b>").append(esc(x.action())).append("</b> <span class=\"")
            .append(x.status().equals("ok") ? "ok" : x.status().equals("failed") ? "fail" : "muted").append("\">")
            .append(esc(x.status())).append("</span>").append(x.detail().isEmpty() ? "" : ": " + esc(x.detail()))
            .append(" <span class=\"muted\">").append(Html.time(x.at())).append("</span></div>");
      }
      h.append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static String perVersion(MonitorReport r, String title, String yLabel, ToDoubleFunction<MonitorWindow> value,
      Function<MonitorWindow, String> note) {
    TimeChart c = chart(r, title, yLabel);
    r.versions().forEach(v -> c.series(v, points(r, v, value, note), r.versions().indexOf(v), false));
    return c.render();
  }

  private static List<TimeChart.Point> points(MonitorReport r, String version, ToDoubleFunction<MonitorWindow> value,
      Function<MonitorWindow, String> note) {
    return r.windowsOf(version).stream().map(w -> new TimeChart.Point(w.end(), value.applyAsDouble(w), false,
        version + ", " + Html.time(w.end()) + ": " + note.apply(w))).toList();
  }

  static TimeChart chart(MonitorReport r, String title, String yLabel) {
    return new TimeChart(title, yLabel, earliest(r), latest(r)).markers(alertMarkers(r));
  }

  private static List<TimeChart.Marker> alertMarkers(MonitorReport r) {
    return r.alerts().stream()
        .map(a -> new TimeChart.Marker(a.at(), a.rule() + " at " + Html.time(a.at()) + ": " + a.summary())).toList();
  }

  private static java.time.Instant earliest(MonitorReport r) {
    java.time.Instant t = r.from();
    for (Alert a : r.alerts()) {
      t = a.at().isBefore(t) ? a.at() : t;
    }
    return t;
  }

  private static java.time.Instant latest(MonitorReport r) {
    java.time.Instant t = r.to();
    for (Alert a : r.alerts()) {
      t = a.at().isAfter(t) ? a.at() : t;
    }
    return t;
  }

  private static void section(StringBuilder h, String id, String title, Runnable body) {
    h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>\n");
    body.run();
    h.append("</section>\n");
  }

  static void note(StringBuilder h, String text) {
    h.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
  }

  private static String none(MonitorReport r) {
    return "No window closed from " + Html.time(r.since()) + " on: is a gateway serving " + r.environment()
        + " with monitoring on?";
  }
}
