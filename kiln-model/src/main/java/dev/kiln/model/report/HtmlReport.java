package dev.kiln.model.report;

import static dev.kiln.model.report.Html.esc;
import static dev.kiln.model.report.Html.fmt;

import dev.kiln.model.metrics.BinaryCurves;
import dev.kiln.model.signature.Task;
import dev.kiln.model.slice.SliceCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation as one self-contained HTML file: overall metrics, ROC, precision-recall and
 * calibration curves, the confusion matrix, per-slice and per-group charts, latency, and what
 * was undefined or unusual. Curves are inline SVG, bar charts HTML tables whose labels are shown
 * in full (long ones wrap); the page loads nothing from anywhere.
 */
public final class HtmlReport {
  private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}"
      + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ddd;padding:3px 8px;"
      + "text-align:right}th{background:#f4f4f4}td.l,th.l{text-align:left}"
      + ".charts{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}"
      + "h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.5em}.note{color:#666}" + Bars.STYLE;

  private HtmlReport() {}

  public static void write(ReportContent e, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(e));
  }

  public static String render(ReportContent e) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiln "
        + "evaluation: " + esc(e.model()) + "</title><style>" + STYLE + "</style></head><body>");
    h.append("<h1>Model evaluation</h1><p>Model <b>").append(esc(e.model())).append("</b> on <b>").append(esc(e.data()))
        .append("</b>: ").append(e.task().word()).append(" of <b>").append(esc(e.label())).append("</b>, ")
        .append(fmt(e.metrics().getOrDefault("count", 0.0))).append(" labelled rows");
    if (e.unlabeledRows() > 0) {
      h.append(" (").append(e.unlabeledRows()).append(" rows without a label left out)");
    }
    h.append(".</p>");
    overall(h, e);
    e.curves().ifPresent(c -> curves(h, c));
    e.confusion().ifPresent(cm -> confusion(h, cm, ((Task.Classification) e.task()).classes()));
    slices(h, e);
    e.fairness().forEach(f -> FairnessSection.render(h, f));
    latency(h, e);
    notes(h, e);
    return h.append("<p class=\"note\">Written by Kiln. Metric definitions: docs/models.md.</p></body></html>\n")
        .toString();
  }

  private static void overall(StringBuilder h, ReportContent e) {
    h.append("<h2>Overall</h2><table><tr><th class=\"l\">metric</th><th>value</th></tr>");
    e.metrics().forEach((k, v) -> {
      if (!k.contains(".")) {
        h.append("<tr><td class=\"l\">").append(esc(k)).append("</td><td>").append(fmt(v)).append("</td></tr>");
      }
    });
    h.append("</table>");
  }

  private static void curves(StringBuilder h, BinaryCurves c) {
    h.append("<h2>Curves</h2><div class=\"charts\">");
    h.append(Svg.unitLines("ROC", "false positive rate", "true positive rate", c.roc().x(), c.roc().y(), true, false));
    double[] recall = prepend(0, c.precisionRecall().x());
    double[] precision = prepend(c.precisionRecall().y().length == 0 ? 1 : c.precisionRecall().y()[0],
        c.precisionRecall().y());
    h.append(Svg.unitLines("Precision-recall", "recall", "precision", recall, precision, false, false));
    h.append(Svg.unitLines("Calibration (10 bins)", "mean predicted probability", "fraction positive",
        c.calibration().x(), c.calibration().y(), true, true));
    h.append("</div>");
  }

  private static double[] prepend(double v, double[] a) {
    double[] out = new double[a.length + 1];
    out[0] = v;
    System.arraycopy(a, 0, out, 1, a.length);
    return out;
  }

  private static void confusion(StringBuilder h, long[][] cm, List<String> classes) {
    long max = 1;
    for (long[] row : cm) {
      for (long v : row) {
        max = Math.max(max, v);
      }
    }
    h.append("<h2>Confusion matrix</h2><table><tr><th class=\"l\">truth \\ predicted</th>");
    classes.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>");
    for (int i = 0; i < cm.length; i++) {
      h.append("<tr><th class=\"l\">").append(esc(classes.get(i))).append("</th>");
      for (int j = 0; j < cm.length; j++) {
        int shade = (int) (255 - 150.0 * cm[i][j] / max);
        h.append("<td style=\"background:rgb(").append(shade).append(',').append(shade).append(",255)\">")
            .append(cm[i][j]).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</table>");
  }

  private static void slices(StringBuilder h, ReportContent e) {
    if (e.slices().isEmpty()) {
      return;
    }
    String key = e.task() instanceof Task.Regression ? "rmse" : e.metrics().containsKey("auc") ? "auc" : "accuracy";
    h.append("<h2>Slices</h2><div class=\"charts\">");
    for (String col : e.slices().stream().map(SliceCount::column).distinct().toList()) {
      List<Bars.Bar> bars = new ArrayList<>();
      double max = 0;
      for (SliceCount s : e.slices()) {
        if (s.column().equals(col)) {
          double v = e.metrics().getOrDefault("slice." + s.name() + "." + key, Double.NaN);
          bars.add(new Bars.Bar(s.value(), s.rows(), v));
          max = Double.isNaN(v) ? max : Math.max(max, v);
        }
      }
      h.append(Bars.chart(key + " by " + col, col, key, bars, key.equals("rmse") ? max : 1));
    }
    h.append("</div>");
  }

  private static void latency(StringBuilder h, ReportContent e) {
    e.latency().ifPresent(l -> h.append("<h2>Latency on this machine</h2><table><tr><th class=\"l\">single-row calls</th>"
        + "<th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>batch rows/s</th></tr><tr><td class=\"l\">").append(l.calls())
        .append("</td><td>").append(fmt(l.p50Ms())).append("</td><td>").append(fmt(l.p95Ms())).append("</td><td>")
        .append(fmt(l.p99Ms())).append("</td><td>").append(fmt(l.batchRowsPerSecond())).append("</td></tr></table>"));
  }

  private static void notes(StringBuilder h, ReportContent e) {
    if (e.undefined().isEmpty() && e.notes().isEmpty() && e.encoding().missing().isEmpty()
        && e.encoding().unseen().isEmpty()) {
      return;
    }
    h.append("<h2>Notes</h2><ul>");
    e.undefined().forEach((k, v) -> h.append("<li><b>").append(esc(k)).append("</b> not computed: ").append(esc(v))
        .append("</li>"));
    e.notes().forEach((k, v) -> h.append("<li><b>").append(esc(k)).append("</b> ").append(esc(v)).append("</li>"));
    e.encoding().missing().forEach((k, v) -> h.append("<li>").append(v).append(" missing values in <b>").append(esc(k))
        .append("</b></li>"));
    e.encoding().unseen().forEach((k, v) -> h.append("<li>").append(v).append(" values of <b>").append(esc(k))
        .append("</b> unseen in training, e.g. ").append(esc(String.valueOf(e.encoding().unseenExamples().get(k))))
        .append("</li>"));
    h.append("</ul>");
  }
}
