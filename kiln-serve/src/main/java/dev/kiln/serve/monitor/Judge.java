package dev.kiln.serve.monitor;

import dev.kiln.release.gate.Threshold;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Judges one {@link Condition} on one {@link MonitorWindow}. Pure. */
final class Judge {
  private Judge() {}

  static Judgement judge(Condition c, MonitorWindow w) {
    if (c instanceof Condition.Drift d) {
      return drift(d, w);
    }
    if (c instanceof Condition.PredictionDrift p) {
      return predictionDrift(p, w);
    }
    if (c instanceof Condition.ErrorRate e) {
      return errorRate(e, w);
    }
    if (c instanceof Condition.Latency l) {
      return latency(l, w);
    }
    return accuracy((Condition.Accuracy) c, w);
  }

  private static Judgement drift(Condition.Drift d, MonitorWindow w) {
    if (w.features().isEmpty()) {
      return Judgement.inconclusive("no drift figures (does v" + w.version() + " have a reference profile?)");
    }
    List<FeatureDrift> judged = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    if (d.features().isEmpty()) {
      w.features().stream().filter(f -> f.rows() > 0).forEach(judged::add);
    } else {
      for (String name : d.features()) {
        w.features().stream().filter(f -> f.feature().equals(name)).findFirst().filter(f -> f.rows() > 0)
            .ifPresentOrElse(judged::add, () -> missing.add(name));
      }
    }
    if (judged.isEmpty()) {
      return Judgement.inconclusive(missing.isEmpty() ? "no rows in the window" : "no figures for "
          + String.join(", ", missing));
    }
    List<String> drifted = new ArrayList<>();
    List<Map<String, Object>> figures = new ArrayList<>();
    for (FeatureDrift f : judged) {
      boolean is = drifted(f, d.tests());
      if (is) {
        drifted.add(f.feature() + " (" + describe(f, d.tests()) + ")");
      }
      figures.add(figures(f, is));
    }
    double share = (double) drifted.size() / judged.size();
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("features", figures);
    fig.put("drifted_share", share);
    String words = drifted.size() + " of " + judged.size() + " features drifted (" + percent(share) + " "
        + d.share().text().replaceAll("\\s*[0-9.]+$", "") + " " + percent(d.share().bound()) + ")"
        + (drifted.isEmpty() ? "" : ": " + String.join(", ", drifted));
    if (!missing.isEmpty()) {
      words += "; no figures for " + String.join(", ", missing);
    }
    return d.share().test(share) ? Judgement.holds(words, fig) : Judgement.clear(words, fig);
  }

  private static Judgement predictionDrift(Condition.PredictionDrift p, MonitorWindow w) {
    Optional<FeatureDrift> f = w.prediction().filter(x -> x.rows() > 0);
    if (f.isEmpty()) {
      return Judgement.inconclusive("no prediction drift figures (no reference predictions, or no rows)");
    }
    boolean is = drifted(f.get(), p.tests());
    String words = "predictions " + (is ? "drifted" : "did not drift") + " (" + describe(f.get(), p.tests()) + ")";
    Map<String, Object> fig = Map.of("prediction", figures(f.get(), is));
    return is ? Judgement.holds(words, fig) : Judgement.clear(words, fig);
  }

  private static Judgement errorRate(Condition.ErrorRate e, MonitorWindow w) {
    if (w.requests() == 0) {
      return Judgement.inconclusive("no requests");
    }
    Map<String, Object> fig = Map.of("requests", w.requests(), "errors", w.errors(), "error_rate", w.errorRate());
    String words = "error rate " + number(w.errorRate()) + " (" + w.errors() + " of " + w.requests() + ") "
        + e.bound().text();
    return e.bound().test(w.errorRate()) ? Judgement.holds(words, fig) : Judgement.clear("error rate "
        + number(w.errorRate()), fig);
  }

  private static Judgement latency(Condition.Latency l, MonitorWindow w) {
    if (w.requests() == 0) {
      return Judgement.inconclusive("no requests");
    }
    Map<String, Object> fig = new LinkedHashMap<>();
    List<String> held = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, Threshold> b : l.bounds().entrySet()) {
      double v = b.getKey().equals("p50_ms") ? w.latencyP50Ms() : w.latencyP99Ms();
      fig.put(b.getKey(), v);
      if (Double.isNaN(v)) {
        return Judgement.inconclusive("no " + b.getKey() + " figure");
      }
      seen.add(b.getKey() + " " + number(v));
      if (b.getValue().test(v)) {
        held.add(b.getKey() + " " + number(v) + " " + b.getValue().text());
      }
    }
    return held.isEmpty() ? Judgement.clear(String.join(", ", seen), fig)
        : Judgement.holds(String.join(", ", held), fig);
  }

  private static Judgement accuracy(Condition.Accuracy a, MonitorWindow w) {
    if (w.labels() < a.minLabels()) {
      return Judgement.inconclusive("only " + w.labels() + " labels (min-labels " + a.minLabels() + ")");
    }
    Map<String, Object> fig = new LinkedHashMap<>();
    fig.put("labels", w.labels());
    List<String> held = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, Threshold> m : a.metrics().entrySet()) {
      Double v = w.accuracy().get(m.getKey());
      if (v == null || v.isNaN()) {
        return Judgement.inconclusive("no live " + m.getKey() + " over " + w.labels() + " labels");
      }
      fig.put(m.getKey(), v);
      seen.add(m.getKey() + " " + number(v));
      if (m.getValue().test(v)) {
        held.add(m.getKey() + " " + number(v) + " " + m.getValue().text());
      }
    }
    String over = " over " + w.labels() + " labels";
    return held.isEmpty() ? Judgement.clear(String.join(", ", seen) + over, fig)
        : Judgement.holds(String.join(", ", held) + over, fig);
  }

  /** By PSI when asked and known; else by the bound given for its test; else by its test's own verdict. */
  private static boolean drifted(FeatureDrift f, Map<String, Threshold> tests) {
    Threshold psi = tests.get("psi");
    if (psi != null && !Double.isNaN(f.psi())) {
      return psi.test(f.psi());
    }
    Threshold own = tests.get(f.test());
    return own != null ? own.test(f.statistic()) : f.drifted();
  }

  private static String describe(FeatureDrift f, Map<String, Threshold> tests) {
    if (tests.containsKey("psi") && !Double.isNaN(f.psi())) {
      return "psi " + number(f.psi());
    }
    return f.test() + " " + number(f.statistic());
  }

  private static Map<String, Object> figures(FeatureDrift f, boolean drifted) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("feature", f.feature());
    m.put("test", f.test());
    m.put("statistic", f.statistic());
    m.put("threshold", f.threshold());
    m.put("psi", f.psi());
    m.put("rows", f.rows());
    m.put("drifted", drifted);
    return m;
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : Math.abs(v) >= 1 ? "%.2f" : "%.3g", v);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
