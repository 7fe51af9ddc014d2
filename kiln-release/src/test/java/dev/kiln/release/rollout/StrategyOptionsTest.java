package dev.kiln.release.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Strategies as people write them: the defaults careful teams use, and every mistake named. */
class StrategyOptionsTest {

  private static StrategyOptions canary(String steps, Map<String, String> analysis) {
    return new StrategyOptions("canary", Optional.ofNullable(steps), Optional.of("1m"), analysis, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void aCanaryWithoutSettingsStepsThroughTenToAHundredAndRollsBackOnErrorsLatencyOrShift() {
    Strategy.Canary c = (Strategy.Canary) StrategyOptions.of("canary").toStrategy();
    assertThat(c.steps()).containsExactly(new CanaryStep.Weight(10), new CanaryStep.Weight(25),
        new CanaryStep.Weight(50), new CanaryStep.Weight(100));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.analysis().rollbackIf()).containsOnlyKeys("error_rate", "latency_p99_ms", "prediction_psi");
    assertThat(c.analysis().minSamples()).isEqualTo(50);
  }

  @Test
  void stepsMayHoldPausesUntilResumedOrForATime() {
    Strategy.Canary c = (Strategy.Canary) canary("10, pause, 50%, pause 2m, 100", Map.of()).toStrategy();
    assertThat(c.steps()).containsExactly(new CanaryStep.Weight(10), new CanaryStep.Pause(Optional.empty()),
        new CanaryStep.Weight(50), new CanaryStep.Pause(Optional.of(Duration.ofMinutes(2))),
        new CanaryStep.Weight(100));
  }

  @Test
  void aShadowAlsoJudgesAgreementAndWaitsForAPersonByDefault() {
    Strategy.Shadow s = (Strategy.Shadow) StrategyOptions.of("shadow").toStrategy();
    assertThat(s.percent()).isEqualTo(100);
    assertThat(s.analysis().rollbackIf()).containsKey("agreement");
    assertThat(s.autoPromote()).isFalse();
  }

  @Test
  void everyMistakeNamesTheOptionAndWhatItTakes() {
    assertThatThrownBy(() -> StrategyOptions.of("zigzag").toStrategy()).hasMessageContaining("unknown strategy 'zigzag'")
        .hasMessageContaining("replace, blue-green, canary, shadow");
    assertThatThrownBy(() -> canary("50,10", Map.of()).toStrategy()).hasMessageContaining("weights must rise");
    assertThatThrownBy(() -> canary("150", Map.of()).toStrategy()).hasMessageContaining("percentage from 1 to 100");
    assertThatThrownBy(() -> canary("pause", Map.of()).toStrategy()).hasMessageContaining("has no weight");
    assertThatThrownBy(() -> canary("10,100", Map.of("speed", "> 1")).toStrategy())
        .hasMessageContaining("unknown analysis metric 'speed'");
    assertThatThrownBy(() -> canary("10,100", Map.of("error_rate", "lots")).toStrategy())
        .hasMessageContaining("analysis error_rate: invalid threshold 'lots'");
    assertThatThrownBy(() -> new StrategyOptions("replace", Optional.of("10"), Optional.empty(), Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()).toStrategy()).hasMessageContaining("steps does not apply to a replace rollout");
  }

  @Property(tries = 300)
  void anyTextForStepsGivesAStrategyOrANamedMistake(@ForAll String steps) {
    try {
      assertThat(canary(steps, Map.of()).toStrategy()).isInstanceOf(Strategy.Canary.class);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 200)
  void risingWeightsAlwaysParse(@ForAll("rising") List<Integer> weights) {
    String text = String.join(",", weights.stream().map(String::valueOf).toList());
    assertThat(((Strategy.Canary) canary(text, Map.of()).toStrategy()).steps()).hasSize(weights.size());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<List<Integer>> rising() {
    return net.jqwik.api.Arbitraries.integers().between(1, 100).set().ofMinSize(1).ofMaxSize(8)
        .map(s -> s.stream().sorted().toList());
  }
}
