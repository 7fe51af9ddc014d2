package dev.kiln.model.report;

import static dev.kiln.model.report.Html.esc;
import static dev.kiln.model.report.Html.fmt;

import dev.kiln.model.fairness.FairnessReport;
import dev.kiln.model.fairness.GroupRates;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The report's section for one sensitive attribute: the groups with their counts and rates,
 * the summary metrics (computed, or undefined with the reason), and bar charts of the selection
 * rate, TPR and FPR of the counted groups.
 */
final class FairnessSection {
  private FairnessSection() {}

  static void render(StringBuilder h, FairnessReport f) {
    h.append("<h2>Fairness by ").append(esc(f.attribute())).append("</h2>");
    f.privileged().ifPresent(p -> h.append("<p>Privileged group: <b>").append(esc(p)).append("</b></p>"));
    groups(h, f);
    metrics(h, f);
    List<GroupRates> counted = f.groups().stream().filter(g -> !g.excluded()).toList();
    h.append("<div class=\"charts\">");
    h.append(chart("selection rate", "selection rate", f, counted, g -> OptionalDouble.of(g.selectionRate())));
    h.append(chart("true positive rate", "TPR", f, counted, GroupRates::tpr));
    h.append(chart("false positive rate", "FPR", f, counted, GroupRates::fpr));
    h.append("</div>");
  }

  private static void groups(StringBuilder h, FairnessReport f) {
    h.append("<table><tr><th class=\"l\">group</th><th>rows</th><th>positives</th><th>selected</th>"
        + "<th>selection rate</th><th>TPR</th><th>FPR</th><th class=\"l\">note</th></tr>");
    for (GroupRates g : f.groups()) {
      h.append("<tr><td class=\"l\">").append(esc(g.group())).append("</td><td>").append(g.count()).append("</td><td>")
          .append(g.positives()).append("</td><td>").append(g.selected()).append("</td><td>")
          .append(fmt(g.selectionRate())).append("</td><td>").append(fmt(g.tpr().orElse(Double.NaN)))
          .append("</td><td>").append(fmt(g.fpr().orElse(Double.NaN))).append("</td><td class=\"l\">")
          .append(g.excluded() ? "excluded: below the minimum group size" : "").append("</td></tr>");
    }
    h.append("</table>");
  }

  /** The summary metrics of one attribute, computed or undefined, each with its reason or note. */
  private static void metrics(StringBuilder h, FairnessReport f) {
    h.append("<table><tr><th class=\"l\">metric</th><th>value</th><th class=\"l\">note</th></tr>");
    TreeSet<String> names = new TreeSet<>(f.metrics().keySet());
    names.addAll(f.undefined().keySet());
    names.removeIf(n -> n.startsWith("group."));
    for (String n : names) {
      Double v = f.metrics().get(n);
      String note = v == null ? "undefined: " + f.undefined().get(n) : f.notes().getOrDefault(n, "");
      h.append("<tr><td class=\"l\">").append(esc(n)).append("</td><td>").append(v == null ? "–" : fmt(v))
          .append("</td><td class=\"l\">").append(esc(note)).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static String chart(String title, String valueHeader, FairnessReport f, List<GroupRates> counted,
      Function<GroupRates, OptionalDouble> rate) {
    List<Bars.Bar> bars = counted.stream()
        .map(g -> new Bars.Bar(g.group(), g.count(), rate.apply(g).orElse(Double.NaN))).toList();
    return Bars.chart(title, f.attribute(), valueHeader, bars, 1);
  }
}
