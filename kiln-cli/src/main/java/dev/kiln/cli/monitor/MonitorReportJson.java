package dev.kiln.cli.monitor;

import dev.kiln.release.monitor.MonitorWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link MonitorReport}: snake_case keys in a fixed order, times in ISO-8601,
 * figures that are not defined (no latency without requests, an AUC over one class) as null.
 */
public final class MonitorReportJson {
  private MonitorReportJson() {}

  public static Map<String, Object> of(MonitorReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("environment", r.environment());
    m.put("since", r.since().toString());
    m.put("until", r.until().toString());
    m.put("windows", r.windows().size());
    m.put("versions", versions(r));
    m.put("features", r.features().stream().map(MonitorReportJson::series).toList());
    m.put("prediction", r.prediction().map(MonitorReportJson::series).orElse(null));
    m.put("prediction_distribution", r.distributions().stream().map(MonitorReportJson::distribution).toList());
    m.put("traffic", r.windows().stream().map(MonitorReportJson::traffic).toList());
    m.put("accuracy", r.labelled().stream().map(MonitorReportJson::accuracy).toList());
    m.put("alerts", r.alerts().stream().map(AlertView::json).toList());
    return m;
  }

  private static List<Object> versions(MonitorReport r) {
    List<Object> out = new ArrayList<>();
    for (String v : r.versions()) {
      List<MonitorWindow> ws = r.windowsOf(v);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", ws.get(0).model());
      m.put("version", ws.get(0).version());
      m.put("windows", ws.size());
      m.put("requests", ws.stream().mapToLong(MonitorWindow::requests).sum());
      m.put("errors", ws.stream().mapToLong(MonitorWindow::errors).sum());
      m.put("first_start", ws.get(0).start().toString());
      m.put("last_end", ws.get(ws.size() - 1).end().toString());
      out.add(m);
    }
    return out;
  }

  private static Map<String, Object> series(MonitorReport.DriftSeries s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("feature", s.name());
    m.put("drifted_windows", s.driftedWindows());
    List<Object> points = new ArrayList<>();
    for (MonitorReport.DriftPoint p : s.points()) {
      Map<String, Object> x = window(p.window());
      x.put("test", p.drift().test());
      x.put("statistic", finite(p.drift().statistic()));
      x.put("threshold", finite(p.drift().threshold()));
      x.put("drifted", p.drift().drifted());
      x.put("psi", finite(p.drift().psi()));
      x.put("rows", p.drift().rows());
      points.add(x);
    }
    m.put("points", points);
    return m;
  }

  private static Map<String, Object> distribution(MonitorReport.DistributionSeries s) {
    MonitorWindow first = s.points().get(0).window();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", first.model());
    m.put("version", first.version());
    m.put("bins", s.bins());
    m.put("reference_counts", s.reference());
    m.put("reference_shares", shares(s.referenceShares()));
    List<Object> points = new ArrayList<>();
    for (MonitorReport.DistributionPoint p : s.points()) {
      Map<String, Object> x = window(p.window());
      x.put("rows", p.distribution().currentTotal());
      x.put("counts", p.distribution().current());
      x.put("shares", shares(p.distribution().currentShares()));
      points.add(x);
    }
    m.put("points", points);
    return m;
  }

  private static List<Double> shares(double[] shares) {
    return java.util.Arrays.stream(shares).boxed().toList();
  }

  private static Map<String, Object> traffic(MonitorWindow w) {
    Map<String, Object> m = window(w);
    m.put("requests", w.requests());
    m.put("errors", w.errors());
    m.put("error_rate", w.errorRate());
    m.put("latency_p50_ms", finite(w.latencyP50Ms()));
    m.put("latency_p99_ms", finite(w.latencyP99Ms()));
    m.put("drifted_share", w.driftedShare());
    return m;
  }

  private static Map<String, Object> accuracy(MonitorWindow w) {
    Map<String, Object> m = window(w);
    m.put("labels", w.labels());
    Map<String, Object> metrics = new TreeMap<>();
    w.accuracy().forEach((k, v) -> metrics.put(k, finite(v)));
    m.put("metrics", metrics);
    return m;
  }

  private static Map<String, Object> window(MonitorWindow w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("start", w.start().toString());
    m.put("end", w.end().toString());
    m.put("model", w.model());
    m.put("version", w.version());
    return m;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
