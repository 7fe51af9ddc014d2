package dev.kiln.model.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fairlearn's and AIF360's definitions on hand-computed groups. Group a: 10 rows, 6 positive
 * (4 selected), 4 negative (1 selected). Group b: 10 rows, 5 positive (2 selected), 5 negative
 * (2 selected). Group c: 3 rows (below a minimum of 5).
 */
class FairnessTest {
  private final List<String> group = new ArrayList<>();
  private final List<Boolean> truth = new ArrayList<>();
  private final List<Boolean> chosen = new ArrayList<>();

  FairnessTest() {
    add("a", true, true, 4);
    add("a", true, false, 2);
    add("a", false, true, 1);
    add("a", false, false, 3);
    add("b", true, true, 2);
    add("b", true, false, 3);
    add("b", false, true, 2);
    add("b", false, false, 3);
    add("c", true, true, 3);
  }

  private void add(String g, boolean positive, boolean selected, int n) {
    for (int i = 0; i < n; i++) {
      group.add(g);
      truth.add(positive);
      chosen.add(selected);
    }
  }

  private FairnessReport assess(int minGroupSize, Optional<String> privileged) {
    boolean[] t = new boolean[truth.size()];
    boolean[] s = new boolean[truth.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = truth.get(i);
      s[i] = chosen.get(i);
    }
    return Fairness.assess("g", group.toArray(String[]::new), t, s, minGroupSize, privileged);
  }

  @Test
  void demographicParityIsTheSpreadOfSelectionRates() {
    var r = assess(5, Optional.empty());
    // selection rates: a = 5/10, b = 4/10
    assertThat(r.metrics().get("demographic_parity_difference")).isCloseTo(0.1, within(1e-12));
    assertThat(r.metrics().get("demographic_parity_ratio")).isCloseTo(0.8, within(1e-12));
  }

  @Test
  void equalizedOddsDifferenceIsTheWorseOfTprAndFprGaps() {
    var r = assess(5, Optional.empty());
    // TPR a = 4/6, b = 2/5 (gap 0.2667); FPR a = 1/4, b = 2/5 (gap 0.15)
    assertThat(r.metrics().get("equalized_odds_difference")).isCloseTo(4.0 / 6 - 2.0 / 5, within(1e-12));
    assertThat(r.metrics().get("equalized_odds_ratio")).isCloseTo(Math.min((2.0 / 5) / (4.0 / 6), (1.0 / 4) / (2.0 / 5)),
        within(1e-12));
    assertThat(r.metrics().get("equal_opportunity_difference")).isCloseTo(4.0 / 6 - 2.0 / 5, within(1e-12));
    assertThat(r.metrics().get("equal_opportunity_ratio")).isCloseTo((2.0 / 5) / (4.0 / 6), within(1e-12));
  }

  @Test
  void groupsBelowTheMinimumSizeAreReportedAndExcluded() {
    var r = assess(5, Optional.empty());
    assertThat(r.groups()).extracting(GroupRates::group).containsExactly("a", "b", "c");
    assertThat(r.groups().get(2).excluded()).isTrue();
    assertThat(r.groups().get(2).count()).isEqualTo(3);
    var all = assess(1, Optional.empty());
    // with c counted (selection rate 1, no negatives) parity widens and FPR skips c
    assertThat(all.metrics().get("demographic_parity_difference")).isCloseTo(0.6, within(1e-12));
    assertThat(all.undefined()).containsOnlyKeys("group.c.fpr");
    assertThat(all.notes().get("equalized_odds_difference")).contains("group 'c' has no negative labels");
  }

  @Test
  void disparateImpactComparesTheUnprivilegedRowsWithThePrivilegedGroup() {
    var r = assess(5, Optional.of("a"));
    assertThat(r.metrics().get("disparate_impact")).isCloseTo(0.4 / 0.5, within(1e-12));
    assertThat(r.metrics().get("statistical_parity_difference")).isCloseTo(-0.1, within(1e-12));
    double aod = ((2.0 / 5 - 1.0 / 4) + (2.0 / 5 - 4.0 / 6)) / 2;
    assertThat(r.metrics().get("average_odds_difference")).isCloseTo(aod, within(1e-12));
  }

  @Test
  void fewerThanTwoCountedGroupsLeavesEveryMetricUndefinedWithAReason() {
    var r = assess(11, Optional.empty());
    assertThat(r.metrics()).containsOnlyKeys("group.a.count", "group.b.count", "group.c.count");
    assertThat(r.undefined()).containsKeys(Fairness.SUMMARY.toArray(String[]::new));
    assertThat(r.undefined().get("demographic_parity_ratio")).contains("fairness needs two");
  }

  @Test
  void aZeroMaximumSelectionRateMakesTheRatioUndefinedNotADivisionByZero() {
    String[] g = {"x", "x", "y", "y"};
    boolean[] t = {true, false, true, false};
    boolean[] none = new boolean[4];
    var r = Fairness.assess("g", g, t, none, 1, Optional.of("x"));
    assertThat(r.metrics().get("demographic_parity_difference")).isEqualTo(0.0);
    assertThat(r.metrics()).doesNotContainKey("demographic_parity_ratio");
    assertThat(r.undefined()).containsKeys("demographic_parity_ratio", "disparate_impact");
  }
}
