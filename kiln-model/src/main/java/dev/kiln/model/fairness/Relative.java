package dev.kiln.model.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * AIF360's measures of the unprivileged groups, pooled, against the privileged group:
 * disparate impact (ratio of selection rates), statistical parity difference and average odds
 * difference (both unprivileged − privileged). When the privileged group is absent or too small
 * all three are undefined with that reason.
 */
final class Relative {
  static final List<String> NAMES = List.of("disparate_impact", "statistical_parity_difference",
      "average_odds_difference");

  private Relative() {}

  static void assess(String privileged, List<GroupRates> groups, int minGroupSize, Figures out) {
    Optional<GroupRates> found = groups.stream().filter(g -> g.group().equals(privileged)).findFirst();
    if (found.isEmpty() || found.get().excluded()) {
      String why = found.map(g -> "privileged " + Fairness.tooSmall(g, minGroupSize))
          .orElse("privileged group '" + privileged + "' is not in the data");
      NAMES.forEach(n -> out.undefined(n, why));
      return;
    }
    GroupRates p = found.get();
    List<GroupRates> others = groups.stream().filter(g -> !g.excluded() && g != p).toList();
    GroupRates u = pool(others);
    out.put("statistical_parity_difference", u.selectionRate() - p.selectionRate());
    out.put("disparate_impact", p.selectionRate() > 0 ? Measure.of(u.selectionRate() / p.selectionRate())
        : Measure.undefined("privileged group '" + privileged + "' has a selection rate of 0"));
    out.put("average_odds_difference", Measure.combine(gap(Rate.FPR, p, u, others), gap(Rate.TPR, p, u, others),
        (fpr, tpr) -> (fpr + tpr) / 2));
  }

  /** The unprivileged rows' rate minus the privileged group's, or why either is missing. */
  private static Measure gap(Rate rate, GroupRates p, GroupRates u, List<GroupRates> others) {
    OptionalDouble a = rate.of(u);
    OptionalDouble b = rate.of(p);
    if (a.isPresent() && b.isPresent()) {
      return Measure.of(a.getAsDouble() - b.getAsDouble());
    }
    List<String> why = new ArrayList<>();
    if (b.isEmpty()) {
      why.add("the privileged " + rate.missingIn(p));
    }
    if (a.isEmpty()) {
      why.add("the unprivileged rows have no " + rate.label() + ": "
          + Reasons.join(others.stream().map(rate::missingIn).toList()));
    }
    return Measure.undefined(Reasons.join(why));
  }

  private static GroupRates pool(List<GroupRates> gs) {
    long[] s = new long[6];
    for (GroupRates g : gs) {
      s[0] += g.count();
      s[1] += g.positives();
      s[2] += g.negatives();
      s[3] += g.selected();
      s[4] += g.truePositives();
      s[5] += g.falsePositives();
    }
    return new GroupRates("unprivileged", s[0], s[1], s[2], s[3], s[4], s[5], false);
  }
}
