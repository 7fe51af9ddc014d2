package dev.kiln.model.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Group fairness as Fairlearn defines it (between groups): demographic parity difference
 * (max − min selection rate) and ratio (min / max); equalized odds difference (the larger of
 * the TPR and FPR gaps) and ratio (the smaller of the TPR and FPR ratios); equal opportunity
 * difference and ratio (TPR alone). Against a named privileged group, as AIF360: disparate
 * impact {@code P(Ŷ=1 | unprivileged) / P(Ŷ=1 | privileged)}, statistical parity difference
 * and average odds difference, the unprivileged being every other counted group together.
 *
 * <p>Every metric ({@link #SUMMARY}, {@link Relative#NAMES} when a privileged group is given,
 * and {@code group.G.count}, {@code .selection_rate}, {@code .tpr}, {@code .fpr} per group) is
 * either computed or undefined under its own name with the reason. Groups smaller than the
 * minimum size are reported and excluded. A group whose TPR or FPR is undefined (no positives,
 * or no negatives) is left out of that rate's difference and ratio, with a note on the metrics
 * computed without it; Fairlearn would count it as 0. A ratio over a zero maximum is undefined,
 * never a division by zero.
 */
public final class Fairness {
  public static final String MISSING = "(missing)";

  /** The between-groups metrics, computed for every sensitive attribute. */
  public static final List<String> SUMMARY = List.of("demographic_parity_difference", "demographic_parity_ratio",
      "equal_opportunity_difference", "equal_opportunity_ratio", "equalized_odds_difference", "equalized_odds_ratio");

  private Fairness() {}

  /**
   * @param groupOf the attribute's value per row (null = missing)
   * @param positive the truth per row (true = the positive class)
   * @param selected the model's decision per row (true = predicted positive)
   */
  public static FairnessReport assess(String attribute, String[] groupOf, boolean[] positive, boolean[] selected,
      int minGroupSize, Optional<String> privileged) {
    List<GroupRates> groups = groups(groupOf, positive, selected, minGroupSize);
    List<GroupRates> counted = groups.stream().filter(g -> !g.excluded()).toList();
    Figures out = new Figures();
    groups.forEach(g -> perGroup(g, minGroupSize, out));
    if (counted.size() < 2) {
      String why = tooFew(counted, minGroupSize);
      SUMMARY.forEach(n -> out.undefined(n, why));
      privileged.ifPresent(p -> Relative.NAMES.forEach(n -> out.undefined(n, why)));
    } else {
      between(counted, out);
      privileged.ifPresent(p -> Relative.assess(p, groups, minGroupSize, out));
    }
    return new FairnessReport(attribute, privileged, groups, out.metrics, out.undefined, out.notes);
  }

  static List<GroupRates> groups(String[] groupOf, boolean[] positive, boolean[] selected, int minGroupSize) {
    Map<String, long[]> counts = new TreeMap<>();
    for (int i = 0; i < groupOf.length; i++) {
      long[] c = counts.computeIfAbsent(groupOf[i] == null ? MISSING : groupOf[i], k -> new long[6]);
      c[0]++;
      c[positive[i] ? 1 : 2]++;
      if (selected[i]) {
        c[3]++;
        c[positive[i] ? 4 : 5]++;
      }
    }
    List<GroupRates> out = new ArrayList<>();
    counts.forEach((g, c) -> out.add(new GroupRates(g, c[0], c[1], c[2], c[3], c[4], c[5], c[0] < minGroupSize)));
    return out;
  }

  /** Why an excluded group has no rates, e.g. "group 'yes' has 6 rows, fewer than the minimum group size of 30". */
  static String tooSmall(GroupRates g, int minGroupSize) {
    return "group '" + g.group() + "' has " + g.count() + (g.count() == 1 ? " row" : " rows")
        + ", fewer than the minimum group size of " + minGroupSize;
  }

  private static void perGroup(GroupRates g, int minGroupSize, Figures out) {
    String prefix = "group." + g.group() + ".";
    out.put(prefix + "count", g.count());
    for (Rate r : Rate.values()) {
      out.put(prefix + r.metric(), g.excluded() ? Measure.undefined(tooSmall(g, minGroupSize)) : r.measure(g));
    }
  }

  private static String tooFew(List<GroupRates> counted, int minGroupSize) {
    String names = counted.stream().map(g -> "'" + g.group() + "'").collect(Collectors.joining(", "));
    return (counted.isEmpty() ? "no group has" : "only 1 group (" + names + ") has") + " at least " + minGroupSize
        + " rows; fairness needs two";
  }

  /** Fairlearn's between-groups metrics: equal opportunity is the TPR spread, equalized odds the worse of both. */
  private static void between(List<GroupRates> counted, Figures out) {
    Spread selection = Spread.over(Rate.SELECTION, counted);
    Spread tpr = Spread.over(Rate.TPR, counted);
    Spread fpr = Spread.over(Rate.FPR, counted);
    spread("demographic_parity", selection.difference(), selection.ratio(), selection.note(), out);
    spread("equal_opportunity", tpr.difference(), tpr.ratio(), tpr.note(), out);
    spread("equalized_odds", Measure.combine(tpr.difference(), fpr.difference(), Math::max),
        Measure.combine(tpr.ratio(), fpr.ratio(), Math::min), Reasons.join(tpr.note(), fpr.note()), out);
  }

  private static void spread(String name, Measure difference, Measure ratio, String note, Figures out) {
    out.put(name + "_difference", difference);
    out.put(name + "_ratio", ratio);
    out.note(name + "_difference", note);
    out.note(name + "_ratio", note);
  }
}
