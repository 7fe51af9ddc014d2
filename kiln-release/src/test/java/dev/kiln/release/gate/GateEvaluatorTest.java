package dev.kiln.release.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateEvaluatorTest {
  static final Map<String, Map<String, Double>> UPSTREAM = new LinkedHashMap<>();

  static {
    UPSTREAM.put("evaluate", Map.of("auc", 0.8, "latency.p99_ms", 4.0, "f1", 0.5));
    UPSTREAM.put("evaluate-b", Map.of("f1", 0.6, "rows", 100.0));
  }

  static GateVerdict gate(Map<String, Object> with, Optional<Baseline> base) {
    return new GateEvaluator(UPSTREAM).evaluate(GateSpec.from(with), base, "production of m");
  }

  static Baseline baseline(double auc, double latency) {
    return new Baseline("production of m", 3, Map.of("auc", auc, "latency.p99_ms", latency));
  }

  @ParameterizedTest(name = "auc 0.8 {0} → {1}")
  @CsvSource(delimiter = '|', value = {
      ">= 0.8 | true", "> 0.8 | false", "<= 0.8 | true", "< 0.8 | false", "== 0.8 | true",
      ">= 0.80001 | false", "between 0.8 and 0.9 | true", "between 0.81 and 0.9 | false", "≥ 0.5 | true"})
  void valueThresholdsAreInclusiveUnlessStrict(String threshold, boolean passes) {
    assertThat(gate(Map.of("require", Map.of("auc", threshold)), Optional.empty()).blessed()).isEqualTo(passes);
  }

  @ParameterizedTest(name = "candidate {0} vs baseline {1} with {2} → {3}")
  @CsvSource(delimiter = '|', value = {
      // higher is better (a floor on diff = candidate − baseline), as TFX's HIGHER_IS_BETTER
      "0.8 | 0.803 | >= -0.005 | true",
      "0.8 | 0.806 | >= -0.005 | false",
      "0.8 | 0.8   | >= 0      | true",
      "0.8 | 0.79  | >= 0.01   | true",
      "0.8 | 0.795 | >= 0.01   | false",
      // relative: diff / baseline
      "0.8 | 0.81  | >= -1.5%  | true",
      "0.8 | 0.82  | >= -1.5%  | false"})
  void changeThresholdsFollowTfxSemantics(double candidate, double base, String threshold, boolean passes) {
    Map<String, Map<String, Double>> up = Map.of("evaluate", Map.of("auc", candidate));
    GateVerdict v = new GateEvaluator(up).evaluate(GateSpec.from(Map.of("baseline", "production",
        "change", Map.of("auc", threshold))), Optional.of(baseline(base, 4)), "production of m");
    assertThat(v.blessed()).as(v.lines().toString()).isEqualTo(passes);
  }

  @Test
  void lowerIsBetterWhenTheBoundIsACeiling() {
    Map<String, Object> with = Map.of("baseline", "production", "change", Map.of("latency.p99_ms", "<= 10%"));
    assertThat(gate(with, Optional.of(baseline(0.8, 3.7))).blessed()).as("4.0 is 8% above 3.7").isTrue();
    GateVerdict worse = gate(with, Optional.of(baseline(0.8, 3.2)));
    assertThat(worse.blessed()).isFalse();
    assertThat(worse.failures().get(0).text())
        .isEqualTo("latency.p99_ms rose 25% against production of m (v3, 3.2); allowed +10%");
  }

  @Test
  void failuresAreSaidInWords() {
    GateVerdict v = gate(Map.of("require", Map.of("auc", ">= 0.85"), "baseline", "production",
        "change", Map.of("auc", ">= -0.005")), Optional.of(baseline(0.812, 4)));
    assertThat(v.failures()).extracting(GateVerdict.Check::text).containsExactly(
        "auc 0.8 < 0.85 required",
        "auc fell 0.012 against production of m (v3, 0.812); allowed −0.005");
  }

  @Test
  void withoutABaselineChangeChecksAreSkippedAndTheVerdictSaysSo() {
    GateVerdict v = gate(Map.of("baseline", "production", "change", Map.of("auc", ">= 0")), Optional.empty());
    assertThat(v.blessed()).isTrue();
    assertThat(v.checks()).isEmpty();
    assertThat(v.notes()).containsExactly("no baseline (production of m) yet: change checks skipped");
  }

  @Test
  void aMissingMetricFailsAndSuggestsTheNearestName() {
    GateVerdict v = gate(Map.of("require", Map.of("latency.p99ms", "<= 5")), Optional.empty());
    assertThat(v.blessed()).isFalse();
    assertThat(v.failures().get(0).text()).isEqualTo("'latency.p99ms' was not produced by any upstream stage "
        + "(did you mean 'latency.p99_ms'?) (available: latency.p99_ms)");
  }

  @Test
  void aMetricTwoStagesReportDifferentlyMustBeQualified() {
    assertThat(gate(Map.of("require", Map.of("f1", ">= 0")), Optional.empty()).failures().get(0).text())
        .contains("comes from several stages with different values (evaluate, evaluate-b); name one, e.g. 'evaluate:f1'");
    assertThat(gate(Map.of("require", Map.of("evaluate-b:f1", ">= 0.6")), Optional.empty()).blessed()).isTrue();
    assertThat(gate(Map.of("require", Map.of("nope:f1", ">= 0.6")), Optional.empty()).failures().get(0).text())
        .contains("'nope' is not an upstream stage of this gate (upstream: evaluate, evaluate-b)");
  }

  @Test
  void aRelativeChangeAgainstZeroFails() {
    Map<String, Map<String, Double>> up = Map.of("evaluate", Map.of("auc", 0.8));
    GateVerdict v = new GateEvaluator(up).evaluate(GateSpec.from(Map.of("baseline", "production",
        "change", Map.of("auc", ">= -1%"))), Optional.of(baseline(0, 4)), "production of m");
    assertThat(v.blessed()).isFalse();
    assertThat(v.failures().get(0).text()).contains("is undefined (baseline is 0)");
  }

  @Test
  void malformedThresholdsAreRejected() {
    assertThatThrownBy(() -> Threshold.parse("at least 0.8", false)).hasMessageContaining("invalid threshold");
    assertThatThrownBy(() -> Threshold.parse(">= 5%", false)).hasMessageContaining("only makes sense in 'change:'");
    assertThatThrownBy(() -> Threshold.parse("between 2 and 1", false)).hasMessageContaining("lower bound is above");
  }
}
