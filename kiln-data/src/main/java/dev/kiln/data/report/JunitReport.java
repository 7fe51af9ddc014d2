package dev.kiln.data.report;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Sample;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.drift.SchemaChange;
import dev.kiln.data.validate.Validation;
import java.util.ArrayList;
import java.util.List;

/**
 * JUnit XML, so CI systems list data tests like unit tests: a test suite {@code data-checks} with
 * one test case per check (a failure for a failed error check, a skipped case carrying the message
 * for a failed warning), and a suite {@code data-drift} with the data-set share, each column's
 * drift and each schema change.
 */
public final class JunitReport {
  private JunitReport() {}

  private record Case(String name, String classname, String failure, String skipped, String details) {}

  public static String render(Validation v, Severity failOn) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    List<Case> checks = new ArrayList<>();
    for (CheckResult r : v.checks()) {
      checks.add(check(r, failOn));
    }
    List<Case> drift = v.drift().map(d -> drift(d, failOn)).orElse(List.of());
    int tests = checks.size() + drift.size();
    long failures = count(checks, true) + count(drift, true);
    sb.append("<testsuites name=\"kiln validate\" tests=\"").append(tests).append("\" failures=\"").append(failures)
        .append("\" time=\"").append(v.elapsed().toMillis() / 1000.0).append("\">\n");
    suite(sb, "data-checks", checks, v.elapsed().toMillis() / 1000.0);
    if (!drift.isEmpty()) {
      suite(sb, "data-drift", drift, 0);
    }
    return sb.append("</testsuites>\n").toString();
  }

  private static long count(List<Case> cases, boolean failure) {
    return cases.stream().filter(c -> failure ? c.failure != null : c.skipped != null).count();
  }

  private static void suite(StringBuilder sb, String name, List<Case> cases, double time) {
    sb.append("  <testsuite name=\"").append(name).append("\" tests=\"").append(cases.size()).append("\" failures=\"")
        .append(count(cases, true)).append("\" skipped=\"").append(count(cases, false)).append("\" errors=\"0\" time=\"")
        .append(time).append("\">\n");
    for (Case c : cases) {
      sb.append("    <testcase name=\"").append(Xml.escape(c.name)).append("\" classname=\"").append(Xml.escape(c.classname))
          .append("\"");
      if (c.failure == null && c.skipped == null && c.details.isEmpty()) {
        sb.append("/>\n");
        continue;
      }
      sb.append(">\n");
      if (c.failure != null) {
        sb.append("      <failure message=\"").append(Xml.escape(c.failure)).append("\">").append(Xml.escape(c.details))
            .append("</failure>\n");
      } else if (c.skipped != null) {
        sb.append("      <skipped message=\"").append(Xml.escape(c.skipped)).append("\"/>\n");
      }
      if (!c.details.isEmpty() && c.failure == null) {
        sb.append("      <system-out>").append(Xml.escape(c.details)).append("</system-out>\n");
      }
      sb.append("    </testcase>\n");
    }
    sb.append("  </testsuite>\n");
  }

  private static boolean counts(Severity s, Severity failOn) {
    return s == Severity.ERROR || failOn == Severity.WARNING;
  }

  private static Case check(CheckResult r, Severity failOn) {
    StringBuilder details = new StringBuilder("observed: " + r.observed() + "\nthreshold: " + r.threshold() + "\n");
    for (Sample s : r.samples()) {
      details.append("row ").append(s.row()).append(": ").append(s.value()).append('\n');
    }
    String cls = "data." + r.check().column().orElse("table");
    if (r.passed()) {
      return new Case(r.id(), cls, null, null, "");
    }
    return counts(r.severity(), failOn) ? new Case(r.id(), cls, r.message(), null, details.toString())
        : new Case(r.id(), cls, null, "warning: " + r.message(), details.toString());
  }

  private static List<Case> drift(DriftReport d, Severity failOn) {
    List<Case> out = new ArrayList<>();
    String share = d.driftedCount() + " of " + d.columns().size() + " columns drifted (share " + TextReport.fmt(d.share())
        + ", threshold " + TextReport.fmt(d.shareThreshold()) + ")";
    out.add(d.datasetDrift() && counts(d.shareSeverity(), failOn) ? new Case("dataset drift", "drift", share, null, "")
        : d.datasetDrift() ? new Case("dataset drift", "drift", null, "warning: " + share, "")
        : new Case("dataset drift", "drift", null, null, share));
    List<DriftResult> all = new ArrayList<>(d.columns());
    d.label().ifPresent(all::add);
    for (DriftResult r : all) {
      String what = r.test().label() + " " + TextReport.fmt(r.statistic())
          + (r.pValue().isPresent() ? " p=" + TextReport.fmt(r.pValue().getAsDouble()) : "") + ", drift if " + r.rule();
      String name = (r.label() ? "label " : "") + r.column();
      out.add(!r.drifted() ? new Case(name, "drift.column", null, null, what)
          : counts(r.severity(), failOn) ? new Case(name, "drift.column", "drifted: " + what, null, what)
          : new Case(name, "drift.column", null, "warning: drifted: " + what, ""));
    }
    for (SchemaChange s : d.schema()) {
      String what = s.kind().label().replace('_', ' ') + ": " + s.detail();
      out.add(counts(s.severity(), failOn) ? new Case(s.column(), "drift.schema", what, null, String.join("\n", s.values()))
          : new Case(s.column(), "drift.schema", null, "warning: " + what, ""));
    }
    return out;
  }
}
