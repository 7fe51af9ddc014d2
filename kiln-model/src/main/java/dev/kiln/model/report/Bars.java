package dev.kiln.model.report;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bar charts as HTML tables: one row per label with its row count, a bar and the
 * value. Every label is shown in full as text and wraps when long (a slice value or group name
 * of any length stays readable); an undefined value says so instead of drawing a bar.
 */
final class Bars {
  static final String STYLE = "table.bars{margin:.3em 0 1em}table.bars caption{font-weight:bold;text-align:left;"
      + "padding-bottom:.3em}table.bars td.label{text-align:left;max-width:15em;overflow-wrap:anywhere}"
      + "table.bars td.bar{text-align:left;white-space:nowrap;width:200px}"
      + "table.bars span.bar{display:inline-block;height:.9em;background:#1f6feb;vertical-align:-.1em;"
      + "margin-right:4px}";
  private static final double BAR_PX = 150;

  /** One bar: what it is, how many rows it covers, its value (NaN when undefined). */
  record Bar(String label, long rows, double value) {}

  private Bars() {}

  /** A chart titled {@code title}, columns headed {@code labelHeader} and {@code valueHeader}, bars up to {@code max}. */
  static String chart(String title, String labelHeader, String valueHeader, List<Bar> bars, double max) {
    StringBuilder s = new StringBuilder("<table class=\"bars\"><caption>").append(Html.esc(title)).append("</caption>");
    s.append("<tr><th class=\"l\">").append(Html.esc(labelHeader)).append("</th><th>rows</th><th class=\"l\">")
        .append(Html.esc(valueHeader)).append("</th></tr>");
    bars.forEach(b -> row(s, b, max));
    return s.append("</table>").toString();
  }

  private static void row(StringBuilder s, Bar b, double max) {
    s.append("<tr><td class=\"label\">").append(Html.esc(b.label())).append("</td><td>").append(b.rows())
        .append("</td><td class=\"bar\">");
    if (Double.isNaN(b.value())) {
      s.append("undefined");
    } else {
      double px = max <= 0 ? 0 : Math.max(0, Math.min(b.value(), max)) / max * BAR_PX;
      s.append("<span class=\"bar\" style=\"width:").append(String.format(Locale.ROOT, "%.1f", px))
          .append("px\"></span>")
          .append(String.format(Locale.ROOT, "%.3f", b.value()));
    }
    s.append("</td></tr>");
  }
}
