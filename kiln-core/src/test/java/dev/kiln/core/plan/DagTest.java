package dev.kiln.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DagTest {
  // prepare → (train, stats) → evaluate → report; lint independent
  static final Dag DAG = Dag.build(ordered(
      "prepare", List.of(),
      "train", List.of("prepare"),
      "stats", List.of("prepare"),
      "evaluate", List.of("train", "stats"),
      "report", List.of("evaluate"),
      "lint", List.of()));

  @SafeVarargs
  static Map<String, List<String>> ordered(Object... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      List<String> ups = (List<String>) pairs[i + 1];
      m.put((String) pairs[i], ups);
    }
    return m;
  }

  @ParameterizedTest(name = "finished [{0}] → schedulable [{1}]")
  @CsvSource(delimiter = '|', value = {
      "                              | prepare lint",
      "prepare                       | train stats lint",
      "prepare lint                  | train stats",
      "prepare train                 | stats lint",
      "prepare train stats           | evaluate lint",
      "prepare train stats evaluate lint | report",
      "prepare train stats evaluate report lint | ",
  })
  void schedulesStagesWhoseUpstreamStagesAreFinished(String finished, String schedulable) {
    Set<String> done = words(finished);
    assertThat(DAG.ready(DAG.stages(), done, Set.of())).containsExactlyElementsOf(words(schedulable));
  }

  @Test
  void aStartedStageIsNotScheduledTwice() {
    assertThat(DAG.ready(DAG.stages(), Set.of(), Set.of("prepare"))).containsExactly("lint");
  }

  @Test
  void upstreamStagesOutsideTheSelectionCountAsDone() {
    Set<String> selected = DAG.withDescendants(List.of("train"));
    assertThat(selected).containsExactly("train", "evaluate", "report");
    assertThat(DAG.ready(selected, Set.of(), Set.of())).containsExactly("train");
    assertThat(DAG.ready(selected, Set.of("train"), Set.of())).containsExactly("evaluate");
  }

  @Test
  void selectingAStageBringsEverythingItNeeds() {
    assertThat(DAG.withAncestors(List.of("evaluate"))).containsExactly("prepare", "train", "stats", "evaluate");
  }

  @Test
  void aCycleIsNamedInDataFlowOrder() {
    assertThatThrownBy(() -> Dag.build(ordered("a", List.of("c"), "b", List.of("a"), "c", List.of("b"))))
        .isInstanceOf(CycleException.class)
        .hasMessage("cycle: a → b → c → a");
  }

  @Test
  void anUnknownUpstreamStageIsRejected() {
    assertThatThrownBy(() -> Dag.build(ordered("a", List.of("nope"))))
        .hasMessageContaining("unknown stage 'nope'");
  }

  @Property(tries = 200)
  void schedulingARandomDagRunsEveryStageOnceAfterAllItsUpstreamStages(
      @ForAll @IntRange(min = 1, max = 40) int size, @ForAll long seed) {
    Random random = new Random(seed);
    Map<String, List<String>> edges = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      List<String> ups = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        if (random.nextInt(4) == 0) {
          ups.add("s" + j);
        }
      }
      edges.put("s" + i, ups);
    }
    Dag dag = Dag.build(edges);
    Set<String> done = new LinkedHashSet<>();
    List<String> order = new ArrayList<>();
    while (done.size() < size) {
      List<String> ready = dag.ready(dag.stages(), done, Set.of());
      assertThat(ready).isNotEmpty();
      String pick = ready.get(random.nextInt(ready.size()));
      assertThat(done).containsAll(dag.upstreamOf(pick));
      order.add(pick);
      done.add(pick);
    }
    assertThat(new HashSet<>(order)).hasSize(size);
    assertThat(dag.topologicalOrder()).hasSize(size);
  }

  private static Set<String> words(String s) {
    Set<String> out = new LinkedHashSet<>();
    if (s != null) {
      for (String w : s.trim().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }
}
