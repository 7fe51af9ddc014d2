package dev.kiln.model.fairness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Group fairness as Fairlearn defines it (between groups): demographic parity difference
 * (max − min selection rate) and ratio (min / max); equalized odds difference (the larger of
 * the TPR and FPR gaps) and ratio (the smaller of the TPR and FPR ratios); equal opportunity
 * difference and ratio (TPR alone). Against a named privileged group, as AIF360: disparate
 * impact {@code P(Ŷ=1 | unprivileged) / P(Ŷ=1 | privileged)}, statistical parity difference
 * and average odds difference, the unprivileged being every other counted group together.
 *
 * <p>Groups smaller than the minimum size are reported and excluded. A group whose TPR or FPR
 * is undefined (no positives, or no negatives) is left out of that rate's difference and ratio
 * and the report says so; Fairlearn would count it as 0. A ratio over a zero maximum is
 * undefined, never a division by zero.
 */
public final class Fairness {
  public static final String MISSING = "(missing)";

  private Fairness() {}

  /**
   * @param groupOf the attribute's value per row (null = missing)
   * @param positive the truth per row (true = the positive class)
   * @param selected the model's decision per row (true = predicted positive)
   */
  public static FairnessReport assess(String attribute, String[] groupOf, boolean[] positive, boolean[] selected,
      int minGroupSize, Optional<String> privileged) {
    List<GroupRates> groups = groups(groupOf, positive, selected, minGroupSize);
    Map<String, Double> m = new LinkedHashMap<>();
    Map<String, String> undefined = new LinkedHashMap<>();
    List<GroupRates> counted = groups.stream().filter(g -> !g.excluded()).toList();
    if (counted.size() < 2) {
      undefined.put("*", counted.size() + " group(s) of at least " + minGroupSize + " rows; fairness needs two");
      return new FairnessReport(attribute, privileged, groups, m, undefined);
    }
    spread("demographic_parity", counted, g -> OptionalDouble.of(g.selectionRate()), m, undefined);
    spread("tpr", counted, GroupRates::tpr, m, undefined);
    spread("fpr", counted, GroupRates::fpr, m, undefined);
    odds(m, undefined);
    privileged.ifPresent(p -> relative(p, counted, m, undefined));
    return new FairnessReport(attribute, privileged, groups, m, undefined);
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

  /** Puts NAME_difference (max − min) and NAME_ratio (min / max) over the groups where the rate is defined. */
  private static void spread(String name, List<GroupRates> groups, Function<GroupRates, OptionalDouble> rate,
      Map<String, Double> m, Map<String, String> undefined) {
    List<String> skipped = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int defined = 0;
    for (GroupRates g : groups) {
      OptionalDouble r = rate.apply(g);
      if (r.isEmpty()) {
        skipped.add(g.group());
        continue;
      }
      min = Math.min(min, r.getAsDouble());
      max = Math.max(max, r.getAsDouble());
      defined++;
    }
    if (defined < 2) {
      undefined.put(name + "_difference", name + " is defined for fewer than two groups");
      undefined.put(name + "_ratio", name + " is defined for fewer than two groups");
      return;
    }
    if (!skipped.isEmpty()) {
      undefined.put(name + ".skipped_groups", String.join(", ", skipped));
    }
    m.put(name + "_difference", max - min);
    if (max > 0) {
      m.put(name + "_ratio", min / max);
    } else {
      undefined.put(name + "_ratio", "every group's " + name + " is 0");
    }
  }

  /** Equalized odds from the TPR and FPR spreads; equal opportunity is the TPR spread. */
  private static void odds(Map<String, Double> m, Map<String, String> undefined) {
    Double tprD = m.remove("tpr_difference");
    Double fprD = m.remove("fpr_difference");
    Double tprR = m.remove("tpr_ratio");
    Double fprR = m.remove("fpr_ratio");
    if (tprD != null) {
      m.put("equal_opportunity_difference", tprD);
    }
    if (tprR != null) {
      m.put("equal_opportunity_ratio", tprR);
    }
    if (tprD != null && fprD != null) {
      m.put("equalized_odds_difference", Math.max(tprD, fprD));
    } else {
      undefined.put("equalized_odds_difference", "TPR or FPR is defined for fewer than two groups");
    }
    if (tprR != null && fprR != null) {
      m.put("equalized_odds_ratio", Math.min(tprR, fprR));
    } else {
      undefined.put("equalized_odds_ratio", "a TPR or FPR ratio is undefined");
    }
  }

  /** AIF360's measures of the unprivileged groups together against the privileged group. */
  private static void relative(String privileged, List<GroupRates> counted, Map<String, Double> m,
      Map<String, String> undefined) {
    Optional<GroupRates> priv = counted.stream().filter(g -> g.group().equals(privileged)).findFirst();
    if (priv.isEmpty()) {
      undefined.put("disparate_impact", "privileged group '" + privileged + "' is absent or too small");
      return;
    }
    GroupRates p = priv.get();
    GroupRates u = pool(counted.stream().filter(g -> !g.group().equals(privileged)).toList());
    m.put("statistical_parity_difference", u.selectionRate() - p.selectionRate());
    if (p.selectionRate() > 0) {
      m.put("disparate_impact", u.selectionRate() / p.selectionRate());
    } else {
      undefined.put("disparate_impact", "the privileged group's selection rate is 0");
    }
    if (u.tpr().isPresent() && p.tpr().isPresent() && u.fpr().isPresent() && p.fpr().isPresent()) {
      m.put("average_odds_difference", ((u.fpr().getAsDouble() - p.fpr().getAsDouble())
          + (u.tpr().getAsDouble() - p.tpr().getAsDouble())) / 2);
    } else {
      undefined.put("average_odds_difference", "TPR or FPR is undefined for the privileged or unprivileged rows");
    }
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
