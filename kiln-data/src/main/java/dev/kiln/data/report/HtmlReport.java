package dev.kiln.data.report;

import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Sample;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.drift.SchemaChange;
import dev.kiln.data.validate.Validation;
import java.util.Locale;

/**
 * One self-contained HTML file (inline CSS and SVG, no scripts, nothing fetched): the summary,
 * a table of checks with failing values, and for every drift result a reference-vs-current
 * histogram.
 */
public final class HtmlReport {
  private static final String CSS = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
      + "table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:4px 8px;"
      + "text-align:left;vertical-align:top}th{background:#f4f4f4}.ok{color:#17803d}.fail{color:#b42318;"
      + "font-weight:600}.warn{color:#a15c00;font-weight:600}.muted{color:#666}.plot{display:inline-block;"
      + "margin:0 1.5em 1.5em 0;vertical-align:top}.legend span{display:inline-block;width:10px;height:10px;"
      + "margin:0 4px 0 10px}code{background:#f4f4f4;padding:0 3px}";
  private static final String REF = "#6b8fd6";
  private static final String CUR = "#e8833a";

  private HtmlReport() {}

  public static String render(Validation v, Severity failOn) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    sb.append("<title>Data validation: ").append(Xml.escape(v.data())).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    sb.append("<h1>Data validation <span class=\"").append(v.passed(failOn) ? "ok\">passed" : "fail\">failed")
        .append("</span></h1>\n<p>").append(Xml.escape(v.data())).append(" — ").append(v.rows()).append(" rows, suite ")
        .append(Xml.escape(v.suite())).append(", ").append(v.elapsed().toMillis()).append(" ms. ")
        .append(v.checksPassed()).append(" of ").append(v.checks().size()).append(" checks passed")
        .append(v.checkWarnings() > 0 ? ", " + v.checkWarnings() + " warnings" : "").append(".</p>\n");
    failures(v, failOn, sb);
    checks(v, sb);
    v.drift().ifPresent(d -> drift(d, sb));
    return sb.append("</body></html>\n").toString();
  }

  private static void failures(Validation v, Severity failOn, StringBuilder sb) {
    if (v.passed(failOn)) {
      return;
    }
    sb.append("<h2>What failed</h2><ul>");
    v.failures(failOn).forEach(f -> sb.append("<li>").append(Xml.escape(f)).append("</li>"));
    sb.append("</ul>\n");
  }

  private static void checks(Validation v, StringBuilder sb) {
    if (v.checks().isEmpty()) {
      return;
    }
    sb.append("<h2>Checks</h2>\n<table><tr><th></th><th>check</th><th>kind</th><th>observed</th><th>threshold</th>"
        + "<th>unexpected</th><th>details</th></tr>\n");
    for (CheckResult r : v.checks()) {
      sb.append("<tr><td class=\"").append(cls(r.passed(), r.severity())).append("\">")
          .append(r.passed() ? "ok" : r.severity() == Severity.ERROR ? "FAIL" : "warn").append("</td><td><code>")
          .append(Xml.escape(r.id())).append("</code></td><td>").append(Xml.escape(r.check().kind())).append("</td><td>")
          .append(Xml.escape(observed(r.observed()))).append("</td><td>").append(Xml.escape(r.threshold())).append("</td><td>")
          .append(r.unexpectedPercent().map(p -> r.unexpectedCount().getAsLong() + " (" + TextReport.fmt(p) + "%)").orElse(""))
          .append("</td><td>").append(Xml.escape(r.message()));
      if (!r.samples().isEmpty()) {
        sb.append("<br><span class=\"muted\">");
        for (Sample s : r.samples()) {
          sb.append("row ").append(s.row()).append(": <code>").append(Xml.escape(String.valueOf(s.value()))).append("</code> ");
        }
        sb.append("</span>");
      }
      sb.append("</td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private static String observed(Object o) {
    return o instanceof Double d ? TextReport.fmt(d) : String.valueOf(o);
  }

  private static String cls(boolean passed, Severity s) {
    return passed ? "ok" : s == Severity.ERROR ? "fail" : "warn";
  }

  private static void drift(DriftReport d, StringBuilder sb) {
    sb.append("<h2>Drift</h2>\n<p>Against <code>").append(Xml.escape(d.reference())).append("</code>: ")
        .append(d.driftedCount()).append(" of ").append(d.columns().size()).append(" columns drifted (share ")
        .append(TextReport.fmt(d.share())).append("; the data set drifts at ").append(TextReport.fmt(d.shareThreshold()))
        .append(") — <span class=\"").append(d.datasetDrift() ? "fail\">data set drift" : "ok\">no data set drift")
        .append("</span>.</p>\n");
    if (!d.schema().isEmpty()) {
      sb.append("<h3>Schema</h3><ul>");
      for (SchemaChange s : d.schema()) {
        sb.append("<li class=\"").append(cls(false, s.severity())).append("\">").append(Xml.escape(s.column())).append(": ")
            .append(Xml.escape(s.kind().label().replace('_', ' ') + " — " + s.detail()))
            .append(s.values().isEmpty() ? "" : " (" + Xml.escape(String.join(", ", s.values())) + ")").append("</li>");
      }
      sb.append("</ul>\n");
    }
    sb.append("<p class=\"legend\"><span style=\"background:").append(REF).append("\"></span>reference<span style=\"background:")
        .append(CUR).append("\"></span>current</p>\n");
    d.columns().forEach(r -> plot(r, sb));
    d.label().ifPresent(r -> plot(r, sb));
    if (!d.skipped().isEmpty()) {
      sb.append("<h3>Not tested</h3><ul>");
      d.skipped().forEach(s -> sb.append("<li>").append(Xml.escape(s)).append("</li>"));
      sb.append("</ul>\n");
    }
  }

  private static void plot(DriftResult r, StringBuilder sb) {
    sb.append("<div class=\"plot\"><div><b>").append(r.label() ? "label " : "").append(Xml.escape(r.column()))
        .append("</b> — ").append(r.test().label()).append(' ').append(TextReport.fmt(r.statistic()))
        .append(r.pValue().isPresent() ? ", p = " + TextReport.fmt(r.pValue().getAsDouble()) : "")
        .append(r.bound().isPresent() ? " (±" + TextReport.fmt(r.bound().getAsDouble()) + ")" : "")
        .append(" <span class=\"").append(r.drifted() ? cls(false, r.severity()) + "\">drifted" : "ok\">stable")
        .append("</span></div>");
    r.plot().ifPresent(p -> svg(p, sb));
    sb.append("</div>\n");
  }

  private static void svg(DriftResult.Plot p, StringBuilder sb) {
    int n = p.labels().size();
    int barW = Math.max(4, Math.min(18, 360 / Math.max(1, 2 * n)));
    int width = Math.max(200, n * (2 * barW + 4) + 10);
    int height = 140;
    double max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, Math.max(p.reference().get(i), p.current().get(i)));
    }
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height + 14)
        .append("\" role=\"img\">");
    for (int i = 0; i < n; i++) {
      int x = 5 + i * (2 * barW + 4);
      bar(sb, x, barW, height, p.reference().get(i) / (max == 0 ? 1 : max), REF, p.labels().get(i), p.reference().get(i));
      bar(sb, x + barW, barW, height, p.current().get(i) / (max == 0 ? 1 : max), CUR, p.labels().get(i), p.current().get(i));
    }
    sb.append("<line x1=\"0\" y1=\"").append(height).append("\" x2=\"").append(width).append("\" y2=\"").append(height)
        .append("\" stroke=\"#999\"/><text x=\"2\" y=\"").append(height + 12).append("\" font-size=\"10\" fill=\"#666\">")
        .append(Xml.escape(p.labels().get(0))).append(" … ").append(Xml.escape(p.labels().get(n - 1))).append("</text></svg>");
  }

  private static void bar(StringBuilder sb, int x, int w, int height, double frac, String color, String label, double share) {
    int h = (int) Math.round(frac * (height - 4));
    sb.append("<rect x=\"").append(x).append("\" y=\"").append(height - h).append("\" width=\"").append(w - 1)
        .append("\" height=\"").append(h).append("\" fill=\"").append(color).append("\"><title>")
        .append(Xml.escape(label)).append(": ").append(String.format(Locale.ROOT, "%.2f%%", 100 * share))
        .append("</title></rect>");
  }
}
