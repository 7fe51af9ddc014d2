package dev.kiln.release.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.release.gate.Threshold;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rollout machine, driven by measurements, timer ticks and commands at given instants: no sleeping. */
class RolloutsTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  static final Duration INTERVAL = Duration.ofSeconds(30);

  static AnalysisSpec analysis() {
    Map<String, Threshold> rollbackIf = new LinkedHashMap<>();
    rollbackIf.put("error_rate", Threshold.parse("> 0.01", false));
    rollbackIf.put("latency_p99_ms", Threshold.parse("> 20", false));
    rollbackIf.put("prediction_psi", Threshold.parse("> 0.2", false));
    return AnalysisSpec.of(rollbackIf);
  }

  static Strategy.Canary canary(CanaryStep... steps) {
    return new Strategy.Canary(List.of(steps), INTERVAL, analysis(), Optional.empty());
  }

  static CanaryStep w(int percent) {
    return new CanaryStep.Weight(percent);
  }

  static Measurement good(Instant at) {
    return Measurement.of(at, 400, Map.of("error_rate", 0.002, "latency_p99_ms", 4.1, "prediction_psi", 0.04));
  }

  static Measurement shifted(Instant at) {
    return Measurement.of(at, 400, Map.of("error_rate", 0.002, "latency_p99_ms", 4.1, "prediction_psi", 1.7));
  }

  static Instant t(int intervals) {
    return T0.plus(INTERVAL.multipliedBy(intervals));
  }

  @Test
  void aSoundCanaryClimbsItsStepsOneIntervalEachThenIsPromoted() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(25), w(50), w(100)), T0);
    assertThat(x.routing()).isEqualTo(Routing.split(2, 3, 10));
    assertThat(x.events()).extracting(RolloutEvent::text).containsExactly("step 1/4: 10% to v3");
    assertThat(Rollouts.analysisDue(x.state(), t(1).minusSeconds(1))).isFalse();
    assertThat(Rollouts.analysisDue(x.state(), t(1))).isTrue();
    x = Rollouts.observe(x.state(), good(t(1)), t(1));
    assertThat(x.routing()).isEqualTo(Routing.split(2, 3, 25));
    assertThat(x.events()).extracting(RolloutEvent::text).containsExactly(
        "analysis 1/3 passed: error rate 0.2% ≤ 1%, p99 latency 4.1 ms ≤ 20 ms, prediction PSI 0.04 ≤ 0.2",
        "step 2/4: 25% to v3");
    x = Rollouts.observe(x.state(), good(t(2)), t(2));
    x = Rollouts.observe(x.state(), good(t(3)), t(3));
    assertThat(x.state().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(x.routing()).isEqualTo(Routing.only(3));
    assertThat(x.events()).extracting(RolloutEvent::text).last().isEqualTo("step 4/4: 100% to v3");
    assertThat(x.state().serving()).isEqualTo(3);
  }

  @Test
  void aCanaryWhosePredictionsShiftIsAbortedWithinTwoIntervalsAndAllTrafficGoesBack() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(50), w(100)), T0);
    x = Rollouts.observe(x.state(), shifted(t(1)), t(1));
    assertThat(x.state().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(x.routing()).as("holds its weight after a tolerated failure").isEqualTo(Routing.split(2, 3, 10));
    assertThat(x.events().get(0).text()).isEqualTo("analysis 1/2 failed: prediction PSI 1.7 > 0.2 "
        + "(1 of 2 failures that abort; measuring again)");
    x = Rollouts.observe(x.state(), shifted(t(2)), t(2));
    assertThat(x.state().phase()).isEqualTo(Phase.ABORTED);
    assertThat(x.routing()).isEqualTo(Routing.only(2));
    assertThat(x.events()).extracting(RolloutEvent::text).last().asString()
        .isEqualTo("aborted: analysis 2/2 failed: prediction PSI 1.7 > 0.2; all traffic back to v2");
    assertThat(x.state().serving()).isEqualTo(2);
  }

  @Test
  void tooFewRequestsIsInconclusiveAndPausesUntilResumed() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(100)), T0);
    x = Rollouts.observe(x.state(), Measurement.of(t(1), 12, Map.of()), t(1));
    assertThat(x.state().phase()).isEqualTo(Phase.PAUSED);
    assertThat(x.state().reason()).startsWith("analysis inconclusive: 12 requests to the candidate, at least 50 needed");
    assertThat(x.routing()).isEqualTo(Routing.split(2, 3, 10));
    assertThat(Rollouts.analysisDue(x.state(), t(5))).as("a paused rollout measures nothing").isFalse();
    x = Rollouts.resume(x.state(), "alice", t(6));
    assertThat(x.state().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(Rollouts.analysisDue(x.state(), t(6))).as("the interval starts again").isFalse();
    assertThat(Rollouts.analysisDue(x.state(), t(7))).isTrue();
  }

  @Test
  void measurementErrorsAreCountedApartFromFailuresAndAbortOnlyPastTheirLimit() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(100)), T0);
    for (int i = 1; i <= 4; i++) {
      x = Rollouts.observe(x.state(), Measurement.failed(t(i), "no metrics from the gateway"), t(i));
      assertThat(x.state().phase()).as("error " + i).isEqualTo(Phase.PROGRESSING);
      assertThat(x.state().failures()).isZero();
    }
    x = Rollouts.observe(x.state(), Measurement.failed(t(5), "no metrics from the gateway"), t(5));
    assertThat(x.state().phase()).isEqualTo(Phase.ABORTED);
    assertThat(x.state().reason()).isEqualTo("the measurement failed: no metrics from the gateway (5 times in a row)");
  }

  @Test
  void aPassedAnalysisResetsTheRunOfErrors() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(20), w(100)), T0);
    x = Rollouts.observe(x.state(), Measurement.failed(t(1), "timeout"), t(1));
    x = Rollouts.observe(x.state(), good(t(2)), t(2));
    assertThat(x.state().consecutiveErrors()).isZero();
  }

  @Test
  void anIndefinitePauseStepWaitsForAPersonAndATimedOneForItsClock() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10),
        new CanaryStep.Pause(Optional.empty()), w(50), new CanaryStep.Pause(Optional.of(Duration.ofMinutes(5))),
        w(100)), T0);
    x = Rollouts.observe(x.state(), good(t(1)), t(1));
    assertThat(x.state().phase()).isEqualTo(Phase.PAUSED);
    assertThat(x.state().reason()).isEqualTo("step 2/5: holding 10% on v3 until resumed (kiln rollout resume production)");
    assertThat(Rollouts.tick(x.state(), t(100)).state().phase()).as("no timer ends it").isEqualTo(Phase.PAUSED);
    x = Rollouts.resume(x.state(), "bob", t(2));
    assertThat(x.routing()).isEqualTo(Routing.split(2, 3, 50));
    x = Rollouts.observe(x.state(), good(t(3)), t(3));
    assertThat(x.state().reason()).isEqualTo("step 4/5: holding 50% on v3 for 5m00s");
    assertThat(Rollouts.tick(x.state(), t(3).plus(Duration.ofMinutes(5)).minusSeconds(1)).state().phase())
        .isEqualTo(Phase.PAUSED);
    x = Rollouts.tick(x.state(), t(3).plus(Duration.ofMinutes(5)));
    assertThat(x.state().phase()).isEqualTo(Phase.PROMOTED);
  }

  @Test
  void promoteSkipsTheRemainingStepsAndAbortSendsEverythingBack() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(50), w(100)), T0);
    Transition promoted = Rollouts.promote(x.state(), "carol", t(1));
    assertThat(promoted.routing()).isEqualTo(Routing.only(3));
    assertThat(promoted.events().get(0).text()).isEqualTo("promoted by carol: 100% to v3");
    Transition aborted = Rollouts.abort(x.state(), "dave", "latency spike", t(1));
    assertThat(aborted.routing()).isEqualTo(Routing.only(2));
    assertThat(aborted.state().reason()).isEqualTo("aborted by dave: latency spike");
    assertThatThrownBy(() -> Rollouts.promote(aborted.state(), "x", t(2))).isInstanceOf(RolloutException.class)
        .hasMessage("cannot promote the rollout of v3 in production: it is already aborted");
    assertThatThrownBy(() -> Rollouts.resume(x.state(), "x", t(2))).hasMessageContaining("is not paused");
  }

  @Test
  void replaceSwapsAtOnce() {
    Transition x = Rollouts.start("staging", 1, 2, new Strategy.Replace(), T0);
    assertThat(x.state().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(x.routing()).isEqualTo(Routing.only(2));
    assertThat(x.events()).extracting(RolloutEvent::text).containsExactly("replaced v1 with v2");
  }

  @Test
  void blueGreenPreviewsThenSwitchesOnceAndKeepsTheOldVersionWarmForItsWindow() {
    Strategy.BlueGreen bg = new Strategy.BlueGreen(Optional.of(analysis()), INTERVAL, true, Duration.ofMinutes(10));
    Transition x = Rollouts.start("production", 2, 3, bg, T0);
    assertThat(x.routing()).isEqualTo(Routing.previewing(2, 3));
    x = Rollouts.observe(x.state(), good(t(1)), t(1));
    assertThat(x.state().phase()).isEqualTo(Phase.PROMOTED);
    assertThat(x.routing()).isEqualTo(Routing.only(3).keepingWarm(2));
    x = Rollouts.tick(x.state(), t(1).plus(Duration.ofMinutes(10)));
    assertThat(x.routing()).isEqualTo(Routing.only(3));
    assertThat(x.events()).extracting(RolloutEvent::text).containsExactly("v2 unloaded: the rollback window ended");
  }

  @Test
  void blueGreenWithoutAutoPromotionWaitsForAPerson() {
    Strategy.BlueGreen bg = new Strategy.BlueGreen(Optional.empty(), INTERVAL, false, Duration.ZERO);
    Transition x = Rollouts.start("production", 2, 3, bg, T0);
    assertThat(x.state().phase()).isEqualTo(Phase.PAUSED);
    assertThat(x.state().reason()).isEqualTo("waiting for promotion (kiln rollout promote production)");
    assertThat(Rollouts.promote(x.state(), "erin", t(1)).routing()).isEqualTo(Routing.only(3));
  }

  @Test
  void aShadowMirrorsUntilItsAnalysesPassThenWaitsForPromotion() {
    Map<String, Threshold> agreement = Map.of("agreement", Threshold.parse("< 0.9", false));
    Strategy.Shadow sh = new Strategy.Shadow(25, 2, INTERVAL, AnalysisSpec.of(agreement), false);
    Transition x = Rollouts.start("production", 2, 3, sh, T0);
    assertThat(x.routing()).isEqualTo(Routing.mirrored(2, 3, 25));
    x = Rollouts.observe(x.state(), Measurement.of(t(1), 300, Map.of("agreement", 0.982)), t(1));
    assertThat(x.state().phase()).isEqualTo(Phase.PROGRESSING);
    assertThat(x.events().get(0).text()).isEqualTo("analysis 1/2 passed: agreement 98.2% ≥ 90%");
    x = Rollouts.observe(x.state(), Measurement.of(t(2), 300, Map.of("agreement", 0.97)), t(2));
    assertThat(x.state().phase()).isEqualTo(Phase.PAUSED);
    assertThat(x.routing()).as("the shadow keeps mirroring while it waits").isEqualTo(Routing.mirrored(2, 3, 25));
  }

  @Test
  void aMissingFigureFailsTheAnalysisRatherThanPassingIt() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(100)), T0);
    x = Rollouts.observe(x.state(), Measurement.of(t(1), 400, Map.of("error_rate", 0.0, "latency_p99_ms", 3.0)), t(1));
    assertThat(x.events().get(0).text()).contains("failed: prediction PSI was not measured");
  }

  @Test
  void theRoutingOfAStoredStateIsTheRoutingItsTransitionReturned() {
    Transition x = Rollouts.start("production", 2, 3, canary(w(10), w(30), w(100)), T0);
    for (Measurement m : List.of(good(t(1)), shifted(t(2)))) {
      assertThat(Rollouts.routing(x.state())).isEqualTo(x.routing());
      x = Rollouts.observe(x.state(), m, m.at());
    }
    assertThat(Rollouts.routing(x.state())).isEqualTo(x.routing());
  }
}
