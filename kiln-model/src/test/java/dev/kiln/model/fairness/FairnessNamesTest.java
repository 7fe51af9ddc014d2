package dev.kiln.model.fairness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Every fairness metric a gate can name is either computed or undefined under that same name,
 * with a reason a user can act on; nothing else appears in the undefined map.
 */
class FairnessNamesTest {
  private static final List<String> SUMMARY = List.of("demographic_parity_difference", "demographic_parity_ratio",
      "equal_opportunity_difference", "equal_opportunity_ratio", "equalized_odds_difference", "equalized_odds_ratio");
  private static final List<String> RELATIVE = List.of("disparate_impact", "statistical_parity_difference",
      "average_odds_difference");

  /** Rows of one group: how many are positive/negative and how many of each the model selected. */
  record Cell(String group, int positives, int selectedPositives, int negatives, int selectedNegatives) {}

  private static FairnessReport assess(List<Cell> cells, int minGroupSize, Optional<String> privileged) {
    List<String> g = new ArrayList<>();
    List<Boolean> t = new ArrayList<>();
    List<Boolean> s = new ArrayList<>();
    for (Cell c : cells) {
      for (int i = 0; i < c.positives() + c.negatives(); i++) {
        boolean positive = i < c.positives();
        g.add(c.group());
        t.add(positive);
        s.add(positive ? i < c.selectedPositives() : i - c.positives() < c.selectedNegatives());
      }
    }
    boolean[] truth = new boolean[t.size()];
    boolean[] selected = new boolean[t.size()];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = t.get(i);
      selected[i] = s.get(i);
    }
    return Fairness.assess("afam", g.toArray(String[]::new), truth, selected, minGroupSize, privileged);
  }

  @Test
  void anUndefinedEqualOpportunityRatioIsNamedAsTheReportedMetric() {
    // both groups have positives, none of them selected: every TPR is 0, so the TPR ratio is 0 / 0
    var r = assess(List.of(new Cell("no", 5, 0, 5, 2), new Cell("yes", 5, 0, 5, 1)), 1, Optional.empty());
    assertThat(r.metrics()).containsEntry("equal_opportunity_difference", 0.0);
    assertThat(r.undefined()).containsKey("equal_opportunity_ratio").doesNotContainKeys("tpr_ratio", "tpr_difference");
    assertThat(r.undefined().get("equal_opportunity_ratio")).contains("every group's TPR is 0");
  }

  @Test
  void aGroupWithoutPositiveLabelsIsNamedInTheReasonOfEveryMetricItLeavesUndefined() {
    var r = assess(List.of(new Cell("no", 6, 3, 6, 1), new Cell("yes", 0, 0, 8, 2)), 1, Optional.of("no"));
    assertThat(r.undefined()).containsOnlyKeys("equal_opportunity_difference", "equal_opportunity_ratio",
        "equalized_odds_difference", "equalized_odds_ratio", "average_odds_difference", "group.yes.tpr");
    assertThat(r.undefined().values()).allSatisfy(why -> assertThat(why).contains("group 'yes' has no positive labels"));
    assertThat(r.metrics()).containsKeys("demographic_parity_ratio", "disparate_impact", "group.yes.fpr");
  }

  @Test
  void aGroupLeftOutOfARateIsANoteOnTheMetricsComputedWithoutIt() {
    var r = assess(List.of(new Cell("a", 6, 3, 6, 1), new Cell("b", 6, 2, 6, 2), new Cell("c", 0, 0, 8, 2)), 1,
        Optional.empty());
    assertThat(r.metrics()).containsKeys("equal_opportunity_difference", "equalized_odds_difference");
    assertThat(r.undefined()).containsOnlyKeys("group.c.tpr");
    assertThat(r.notes()).containsOnlyKeys("equal_opportunity_difference", "equal_opportunity_ratio",
        "equalized_odds_difference", "equalized_odds_ratio");
    assertThat(r.notes().get("equal_opportunity_ratio")).contains("group 'c' has no positive labels");
  }

  @Test
  void tooFewGroupsNameEveryMetricTheyLeaveUndefined() {
    var r = assess(List.of(new Cell("no", 40, 20, 40, 5), new Cell("yes", 3, 1, 3, 1)), 30, Optional.of("no"));
    assertThat(r.undefined()).containsKeys(SUMMARY.toArray(String[]::new)).containsKeys(RELATIVE.toArray(String[]::new))
        .doesNotContainKey("*");
    assertThat(r.undefined().get("demographic_parity_ratio")).contains("1 group").contains("at least 30 rows");
    assertThat(r.undefined().get("group.yes.selection_rate")).contains("group 'yes' has 6 rows")
        .contains("minimum group size of 30");
    assertThat(r.metrics()).containsEntry("group.yes.count", 6.0).containsKey("group.no.selection_rate");
  }

  @Test
  void anAbsentPrivilegedGroupLeavesEveryRelativeMetricUndefined() {
    var r = assess(List.of(new Cell("a", 6, 3, 6, 1), new Cell("b", 6, 2, 6, 2)), 1, Optional.of("z"));
    assertThat(r.undefined()).containsOnlyKeys(RELATIVE.toArray(String[]::new));
    assertThat(r.undefined().values()).allSatisfy(why -> assertThat(why).contains("privileged group 'z'"));
  }

  @Property(tries = 300)
  void everyFairnessMetricIsEitherComputedOrUndefinedUnderItsOwnName(@ForAll("cells") List<Cell> cells,
      @ForAll("sizes") int minGroupSize, @ForAll("privileged") Optional<String> privileged) {
    var r = assess(cells, minGroupSize, privileged);
    Set<String> expected = new TreeSet<>(SUMMARY);
    privileged.ifPresent(p -> expected.addAll(RELATIVE));
    for (String g : new LinkedHashSet<>(cells.stream().map(Cell::group).toList())) {
      for (String m : List.of("count", "selection_rate", "tpr", "fpr")) {
        expected.add("group." + g + "." + m);
      }
    }
    Set<String> named = new TreeSet<>(r.metrics().keySet());
    assertThat(r.undefined().keySet()).doesNotContainAnyElementsOf(named);
    named.addAll(r.undefined().keySet());
    assertThat(named).isEqualTo(expected);
    assertThat(r.undefined().values()).allSatisfy(why -> assertThat(why).isNotBlank().doesNotContain("\n"));
    assertThat(r.metrics().values()).allSatisfy(v -> assertThat(v).isFinite());
    assertThat(expected).containsAll(r.notes().keySet());
  }

  @Provide
  Arbitrary<List<Cell>> cells() {
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 6);
    Arbitrary<Cell> cell = Combinators.combine(Arbitraries.of("a", "b", "c", "d"), n, n, n, n)
        .as((g, p, sp, q, sq) -> new Cell(g, p, Math.min(p, sp), q, Math.min(q, sq)))
        .filter(c -> c.positives() + c.negatives() > 0);
    return cell.list().ofMinSize(1).ofMaxSize(4).uniqueElements(Cell::group);
  }

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.integers().between(1, 8);
  }

  @Provide
  Arbitrary<Optional<String>> privileged() {
    return Arbitraries.of("a", "b", "z").optional();
  }
}
