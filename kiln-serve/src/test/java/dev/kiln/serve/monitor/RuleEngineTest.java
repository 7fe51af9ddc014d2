package dev.kiln.serve.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.core.config.YamlReader;
import dev.kiln.core.config.Problems;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));

  private RuleEngine engine(String rules) {
    String yaml = "environment: production\nwindow: 1m\nrules:\n" + rules;
    Problems problems = new Problems("kiln.yaml");
    MonitorConfig c = MonitorSection.parse(YamlReader.parse(yaml, problems).orElseThrow(), "kiln.yaml");
    return new RuleEngine(c, clock);
  }

  /** A window of v{@code version} with {@code drifted} of 10 features drifted by their own test (PSI 0.3 each). */
  private MonitorWindow window(String version, int drifted) {
    List<FeatureDrift> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      boolean d = i < drifted;
      fs.add(new FeatureDrift("f" + i, "wasserstein", d ? 0.4 : 0.02, 0.1, d, d ? 0.3 : 0.01, 500));
    }
    return new MonitorWindow("production", "churn", version, clock.instant().minusSeconds(60), clock.instant(), 500,
        0, 2, 8, fs, Optional.empty(), 0, Map.of());
  }

  private MonitorWindow traffic(long requests, long errors, double p99) {
    return new MonitorWindow("production", "churn", "2", clock.instant().minusSeconds(60), clock.instant(), requests,
        errors, 1, p99, List.of(), Optional.empty(), 0, Map.of());
  }

  private MonitorWindow labelled(long labels, double auc) {
    return new MonitorWindow("production", "churn", "2", clock.instant().minusSeconds(60), clock.instant(), 1000, 0,
        1, 2, List.of(), Optional.empty(), labels, Map.of("auc", auc, "accuracy", 0.8));
  }

  private List<Decision> next(RuleEngine e, MonitorWindow w) {
    clock.advance(Duration.ofMinutes(1));
    return e.observe(w);
  }

  @Test
  void aRuleFiresOnlyAfterHoldingForItsNumberOfWindowsInARow() {
    RuleEngine e = engine("  - {name: input-drift, drift: {share-of-features: \">= 0.3\"}, for: 3}\n");
    assertThat(next(e, window("2", 4))).isEmpty();
    assertThat(next(e, window("2", 4))).isEmpty();
    assertThat(next(e, window("2", 1))).as("a clear window breaks the row").isEmpty();
    assertThat(next(e, window("2", 4))).isEmpty();
    assertThat(next(e, window("2", 5))).isEmpty();
    List<Decision> d = next(e, window("2", 4));
    assertThat(d).singleElement().isInstanceOf(Decision.Fire.class);
    Decision.Fire f = (Decision.Fire) d.get(0);
    assertThat(f.version()).isEqualTo("2");
    assertThat(f.summary()).startsWith("input-drift on v2: 4 of 10 features drifted (40% >= 30%): f0 (wasserstein 0.400)")
        .endsWith("(held for 3 windows in a row)");
    assertThat(f.evidenceJson()).contains("\"rule\":\"input-drift\"").contains("\"drifted_share\":0.4")
        .contains("\"feature\":\"f3\"");
    assertThat(f.evidenceJson().split("\"start\"")).hasSize(4);
  }

  @Test
  void windowsOfAnotherVersionDoNotCountTowardsARow() {
    RuleEngine e = engine("  - {name: input-drift, drift: {}, for: 2}\n");
    assertThat(next(e, window("2", 4))).isEmpty();
    assertThat(next(e, window("1", 4))).isEmpty();
    assertThat(next(e, window("2", 4))).singleElement().extracting(Decision::version).isEqualTo("2");
  }

  @Test
  void afterFiringARuleStaysQuietForItsCoolDownThenFiresAgainIfItStillHolds() {
    RuleEngine e = engine("  - {name: input-drift, drift: {}, cool-down: 10m}\n");
    assertThat(next(e, window("2", 3))).hasSize(1);
    for (int i = 0; i < 8; i++) {
      assertThat(next(e, window("2", 3))).as("minute %d of the cool-down", i + 1).isEmpty();
    }
    assertThat(next(e, window("1", 3))).as("the cool-down holds for the environment, whatever version").isEmpty();
    assertThat(next(e, window("2", 3))).singleElement().isInstanceOf(Decision.Fire.class);
  }

  @Test
  void aRuleThatFiredIsResolvedWhenItHoldsNoLonger() {
    RuleEngine e = engine("  - {name: input-drift, drift: {}}\n");
    assertThat(next(e, window("2", 3))).hasSize(1);
    List<Decision> d = next(e, window("2", 0));
    assertThat(d).singleElement().isInstanceOf(Decision.Resolve.class);
    assertThat(d.get(0).summary()).isEqualTo("input-drift on v2 holds no longer: 0 of 10 features drifted (0% > 0%)");
    assertThat(next(e, window("2", 0))).as("resolved once").isEmpty();
  }

  @Test
  void tooFewLabelsIsInconclusiveNotFiringAndNeitherCountsNorBreaksTheRow() {
    RuleEngine e = engine("  - {name: live-accuracy, accuracy: {auc: \"< 0.78\", min-labels: 200}, for: 2}\n");
    assertThat(next(e, labelled(150, 0.5))).as("150 labels are too few").isEmpty();
    assertThat(next(e, labelled(300, 0.7))).isEmpty();
    assertThat(next(e, labelled(20, 0.9))).isEmpty();
    List<Decision> d = next(e, labelled(250, 0.72));
    assertThat(d).singleElement().extracting(Decision::summary)
        .isEqualTo("live-accuracy on v2: auc 0.720 < 0.78 over 250 labels (held for 2 windows in a row)");
    RuleEngine fresh = engine("  - {name: live-accuracy, accuracy: {auc: \"< 0.78\", min-labels: 200}}\n");
    assertThat(next(fresh, labelled(250, 0.80))).isEmpty();
  }

  @Test
  void aShareOfFeaturesIsJudgedByPsiWhenTheRuleAsksForIt() {
    RuleEngine byPsi = engine("  - {name: psi, drift: {psi: \"> 0.25\", share-of-features: \">= 0.5\"}}\n");
    assertThat(next(byPsi, window("2", 4))).as("4 of 10 over a PSI of 0.25").isEmpty();
    assertThat(next(byPsi, window("2", 5))).singleElement().extracting(Decision::summary).asString()
        .contains("5 of 10 features drifted (50% >= 50%): f0 (psi 0.300)");
    RuleEngine stricter = engine("  - {name: psi, drift: {psi: \"> 0.35\"}}\n");
    assertThat(next(stricter, window("2", 9))).as("no feature's PSI passes 0.35").isEmpty();
    RuleEngine byTest = engine("  - {name: w, drift: {wasserstein: \">= 0.5\"}}\n");
    assertThat(next(byTest, window("2", 9))).as("the feature's own test with a stricter bound").isEmpty();
  }

  @Test
  void listedFeaturesAreTheOnlyOnesJudged() {
    RuleEngine e = engine("  - {name: f9, drift: {features: [f9]}}\n");
    assertThat(next(e, window("2", 9))).isEmpty();
    assertThat(next(e, window("2", 10))).singleElement().extracting(Decision::summary).asString()
        .contains("1 of 1 features drifted");
  }

  @Test
  void predictionDriftIsJudgedOnThePredictionsAlone() {
    RuleEngine e = engine("  - {name: scores, prediction-drift: {psi: \"> 0.25\"}}\n");
    MonitorWindow calm = withPrediction(0.1);
    MonitorWindow shifted = withPrediction(0.4);
    assertThat(next(e, calm)).isEmpty();
    assertThat(next(e, shifted)).singleElement().extracting(Decision::summary)
        .isEqualTo("scores on v2: predictions drifted (psi 0.400)");
    assertThat(next(e, window("2", 10))).as("input drift without prediction figures is inconclusive").isEmpty();
  }

  private MonitorWindow withPrediction(double psi) {
    return new MonitorWindow("production", "churn", "2", clock.instant().minusSeconds(60), clock.instant(), 500, 0, 1,
        2, List.of(), Optional.of(new FeatureDrift("prediction", "psi", psi, 0.1, psi >= 0.1, psi, 500)), 0, Map.of());
  }

  @Test
  void errorRateAndLatencyAreJudgedOnTheWindowsTraffic() {
    RuleEngine e = engine("  - {name: health, error-rate: \"> 0.01\", latency: {p99_ms: \"> 50\"}}\n");
    assertThat(next(e, traffic(0, 0, Double.NaN))).as("no requests: inconclusive").isEmpty();
    assertThat(next(e, traffic(1000, 10, 20))).as("1% is not over 1%").isEmpty();
    assertThat(next(e, traffic(1000, 11, 20))).singleElement().extracting(Decision::summary)
        .isEqualTo("health on v2: error rate 0.0110 (11 of 1000) > 0.01");
    RuleEngine slow = engine("  - {name: slow, latency: {p99_ms: \"> 50\"}}\n");
    assertThat(next(slow, traffic(1000, 0, 50))).isEmpty();
    assertThat(next(slow, traffic(1000, 0, 61.5))).singleElement().extracting(Decision::summary)
        .isEqualTo("slow on v2: p99_ms 61.50 > 50");
  }
}
