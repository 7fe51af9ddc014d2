package dev.kiln.data.report;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Sample;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.drift.SchemaChange;
import dev.kiln.data.validate.Validation;
import java.io.PrintStream;
import java.util.Locale;

/** The report for a terminal: failures first with their failing values, then a line per check and drift result. */
public final class TextReport {
  private static final int SHOWN_SAMPLES = 5;

  private TextReport() {}

  public static void print(Validation v, Severity failOn, PrintStream out) {
    out.println("Validated " + v.data() + " (" + v.rows() + " rows) against " + v.suite() + " in "
        + v.elapsed().toMillis() + " ms");
    out.println();
    for (CheckResult r : v.checks()) {
      out.println(String.format(Locale.ROOT, "  %-4s %-40s %s", mark(r.passed(), r.severity()), r.id(), r.message()));
      if (!r.passed()) {
        for (Sample s : r.samples().subList(0, Math.min(SHOWN_SAMPLES, r.samples().size()))) {
          out.println("         row " + s.row() + ": " + (s.value() == null ? "null" : s.value()));
        }
        if (r.samples().size() > SHOWN_SAMPLES) {
          out.println("         … " + (r.samples().size() - SHOWN_SAMPLES) + " more in the JSON report");
        }
      }
    }
    v.drift().ifPresent(d -> drift(d, out));
    out.println();
    summary(v, failOn, out);
  }

  private static void drift(DriftReport d, PrintStream out) {
    out.println();
    out.println("Drift against " + d.reference() + ": " + d.driftedCount() + " of " + d.columns().size()
        + " columns drifted (share " + fmt(d.share()) + ", data set drifts at " + fmt(d.shareThreshold()) + ")"
        + (d.datasetDrift() ? " — DATA SET DRIFT" : ""));
    for (DriftResult r : d.columns()) {
      out.println(line(r));
    }
    d.label().ifPresent(r -> out.println(line(r) + "  (label)"));
    for (SchemaChange s : d.schema()) {
      out.println(String.format(Locale.ROOT, "  %-4s schema: %-32s %s%s", mark(false, s.severity()), s.column(),
          s.kind().label().replace('_', ' ') + ": " + s.detail(), s.values().isEmpty() ? "" : " — " + String.join(", ", s.values())));
    }
    for (String s : d.skipped()) {
      out.println("  skip " + s);
    }
  }

  private static String line(DriftResult r) {
    String p = r.pValue().isPresent() ? " p=" + fmt(r.pValue().getAsDouble()) : "";
    String bound = r.bound().isPresent() ? " (±" + fmt(r.bound().getAsDouble()) + ", from bins)" : "";
    return String.format(Locale.ROOT, "  %-4s %-40s %s %s%s%s  [%s]", r.drifted() ? mark(false, r.severity()) : "ok",
        "drift." + r.column(), r.test().label(), fmt(r.statistic()), bound, p, "drift if " + r.rule());
  }

  private static void summary(Validation v, Severity failOn, PrintStream out) {
    StringBuilder sb = new StringBuilder(v.passed(failOn) ? "PASSED: " : "FAILED: ");
    sb.append(v.checksPassed()).append(" of ").append(v.checks().size()).append(" checks passed");
    if (v.checksFailed() > 0) {
      sb.append(", ").append(v.checksFailed()).append(" failed");
    }
    if (v.checkWarnings() > 0) {
      sb.append(", ").append(v.checkWarnings()).append(v.checkWarnings() == 1 ? " warning" : " warnings");
    }
    v.drift().ifPresent(d -> sb.append("; drift share ").append(fmt(d.share())));
    out.println(sb);
    if (!v.passed(failOn)) {
      for (String f : v.failures(failOn)) {
        out.println("  " + f);
      }
    }
  }

  private static String mark(boolean passed, Severity s) {
    return passed ? "ok" : s == Severity.ERROR ? "FAIL" : "warn";
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    String s = String.format(Locale.ROOT, "%.4f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}
