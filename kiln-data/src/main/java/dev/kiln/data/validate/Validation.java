package dev.kiln.data.validate;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.drift.SchemaChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of validating a data set: every check's result, the drift report when there is a
 * baseline, the number of rows and how long it took. It {@link #passed} when nothing that counts
 * failed: error-severity checks, data-set drift, error-severity column drift and schema changes —
 * and, with {@code failOn = WARNING}, warnings too.
 */
public record Validation(String data, String suite, long rows, List<CheckResult> checks,
    Optional<DriftReport> drift, Duration elapsed) {

  public Validation {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return passed(Severity.ERROR);
  }

  public boolean passed(Severity failOn) {
    return failures(failOn).isEmpty();
  }

  /** One line per failing item that counts at {@code failOn}: {@code pirat.range: 3 of 2380 values …}. */
  public List<String> failures(Severity failOn) {
    List<String> out = new ArrayList<>();
    for (CheckResult r : checks) {
      if (!r.passed() && counts(r.severity(), failOn)) {
        out.add(r.id() + ": " + r.message());
      }
    }
    drift.ifPresent(d -> driftFailures(d, failOn, out));
    return out;
  }

  private static void driftFailures(DriftReport d, Severity failOn, List<String> out) {
    if (d.datasetDrift() && counts(d.shareSeverity(), failOn)) {
      out.add("drift: " + d.driftedCount() + " of " + d.columns().size() + " columns drifted (share "
          + fmt(d.share()) + " >= " + fmt(d.shareThreshold()) + ")");
    }
    for (DriftResult r : d.columns()) {
      if (r.drifted() && counts(r.severity(), failOn)) {
        out.add("drift." + r.column() + ": " + r.test().label() + " " + fmt(r.score()) + " (" + r.rule() + ")");
      }
    }
    d.label().filter(r -> r.drifted() && counts(r.severity(), failOn)).ifPresent(r ->
        out.add("drift.label." + r.column() + ": " + r.test().label() + " " + fmt(r.score()) + " (" + r.rule() + ")"));
    for (SchemaChange s : d.schema()) {
      if (counts(s.severity(), failOn)) {
        out.add("schema." + s.column() + ": " + s.kind().label().replace('_', ' ') + " (" + s.detail() + ")");
      }
    }
  }

  private static boolean counts(Severity s, Severity failOn) {
    return s == Severity.ERROR || failOn == Severity.WARNING;
  }

  public long checksPassed() {
    return checks.stream().filter(CheckResult::passed).count();
  }

  /** Failed error-severity checks. */
  public long checksFailed() {
    return checks.stream().filter(CheckResult::blocking).count();
  }

  /** Failed warning-severity checks. */
  public long checkWarnings() {
    return checks.stream().filter(r -> !r.passed() && r.severity() == Severity.WARNING).count();
  }

  /**
   * Flat metrics a gate can use: {@code rows}, {@code checks.total|passed|failed|warnings},
   * {@code check.<id>.passed|unexpected_percent|observed}, {@code drift.share|drifted|dataset},
   * {@code drift.<column>.statistic|p_value|drifted}, {@code drift.label.*}, {@code schema.changes}.
   */
  public Map<String, Double> metrics() {
    Map<String, Double> m = new TreeMap<>();
    m.put("rows", (double) rows);
    m.put("checks.total", (double) checks.size());
    m.put("checks.passed", (double) checksPassed());
    m.put("checks.failed", (double) checksFailed());
    m.put("checks.warnings", (double) checkWarnings());
    for (CheckResult r : checks) {
      m.put("check." + r.id() + ".passed", r.passed() ? 1.0 : 0.0);
      r.unexpectedPercent().ifPresent(p -> m.put("check." + r.id() + ".unexpected_percent", p));
      if (r.observed() instanceof Number n && !Double.isNaN(n.doubleValue())) {
        m.put("check." + r.id() + ".observed", n.doubleValue());
      }
    }
    drift.ifPresent(d -> driftMetrics(d, m));
    return m;
  }

  private static void driftMetrics(DriftReport d, Map<String, Double> m) {
    m.put("drift.share", d.share());
    m.put("drift.drifted", (double) d.driftedCount());
    m.put("drift.tested", (double) d.columns().size());
    m.put("drift.dataset", d.datasetDrift() ? 1.0 : 0.0);
    m.put("schema.changes", (double) d.schema().size());
    for (DriftResult r : d.columns()) {
      putDrift("drift." + r.column(), r, m);
    }
    d.label().ifPresent(r -> putDrift("drift.label", r, m));
  }

  private static void putDrift(String prefix, DriftResult r, Map<String, Double> m) {
    if (Double.isFinite(r.statistic())) {
      m.put(prefix + ".statistic", r.statistic());
    }
    r.pValue().ifPresent(p -> m.put(prefix + ".p_value", p));
    m.put(prefix + ".drifted", r.drifted() ? 1.0 : 0.0);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
      return String.format(java.util.Locale.ROOT, "%.3e", v);
    }
    return String.format(java.util.Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
