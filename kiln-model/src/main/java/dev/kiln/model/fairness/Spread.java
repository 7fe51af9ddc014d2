package dev.kiln.model.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How far one rate differs between the counted groups, as Fairlearn's {@code between_groups}:
 * the difference (max − min) and the ratio (min / max). A group without the rate is left out
 * and named in {@link #note()}; with fewer than two groups left, or a zero maximum, the
 * figure is undefined with the reason.
 */
record Spread(Measure difference, Measure ratio, String note) {

  static Spread over(Rate rate, List<GroupRates> counted) {
    List<String> missing = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (GroupRates g : counted) {
      OptionalDouble r = rate.of(g);
      if (r.isEmpty()) {
        missing.add(rate.missingIn(g));
      } else {
        min = Math.min(min, r.getAsDouble());
        max = Math.max(max, r.getAsDouble());
      }
    }
    int defined = counted.size() - missing.size();
    if (defined < 2) {
      String groups = defined == 0 ? "no group" : "only one group";
      Measure none = Measure.undefined(rate.label() + " is defined for " + groups + ": " + Reasons.join(missing));
      return new Spread(none, none, "");
    }
    String note = missing.isEmpty() ? "" : "computed without the groups that have no " + rate.label() + ": "
        + Reasons.join(missing);
    Measure ratio = max > 0 ? Measure.of(min / max) : Measure.undefined("every group's " + rate.label() + " is 0");
    return new Spread(Measure.of(max - min), ratio, note);
  }
}
