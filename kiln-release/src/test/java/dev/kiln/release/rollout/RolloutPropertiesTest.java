package dev.kiln.release.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever happens to a rollout, its routing is consistent and a finished rollout stays finished. */
class RolloutPropertiesTest {

  /** One input to the machine. */
  enum Input { GOOD, SHIFTED, FEW, ERROR, TICK, PAUSE, RESUME, PROMOTE, ABORT }

  @Provide
  Arbitrary<List<Input>> inputs() {
    return Arbitraries.of(Input.class).list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<Strategy> strategies() {
    AnalysisSpec spec = RolloutsTest.analysis();
    return Arbitraries.of(
        RolloutsTest.canary(RolloutsTest.w(10), RolloutsTest.w(25), new CanaryStep.Pause(Optional.empty()),
            RolloutsTest.w(50), new CanaryStep.Pause(Optional.of(Duration.ofMinutes(1))), RolloutsTest.w(100)),
        RolloutsTest.canary(RolloutsTest.w(5), RolloutsTest.w(60)),
        new Strategy.BlueGreen(Optional.of(spec), RolloutsTest.INTERVAL, true, Duration.ofMinutes(2)),
        new Strategy.BlueGreen(Optional.empty(), RolloutsTest.INTERVAL, false, Duration.ZERO),
        new Strategy.Shadow(30, 3, RolloutsTest.INTERVAL, spec, true),
        new Strategy.Replace());
  }

  @Property(tries = 400)
  void routingFollowsTheStateAndFinishedRolloutsStayFinished(@ForAll("strategies") Strategy strategy,
      @ForAll("inputs") List<Input> inputs) {
    Instant now = RolloutsTest.T0;
    Transition x = Rollouts.start("production", 2, 3, strategy, now);
    for (Input in : inputs) {
      now = now.plusSeconds(30);
      RolloutState before = x.state();
      x = apply(x, in, now);
      RolloutState s = x.state();
      assertThat(Rollouts.routing(s)).isEqualTo(x.routing());
      assertThat(x.routing().candidateWeight()).isBetween(0, 100);
      if (before.phase().finished()) {
        assertThat(s.phase()).as("a finished rollout stays finished").isEqualTo(before.phase());
      }
      if (s.phase() == Phase.ABORTED) {
        assertThat(x.routing()).isEqualTo(Routing.only(2));
      }
      if (s.phase() == Phase.PROMOTED) {
        assertThat(x.routing().stable()).isEqualTo(3);
        assertThat(x.routing().candidate()).isEmpty();
      }
      if (!s.phase().finished()) {
        assertThat(x.routing().stable()).as("stable serves until the end").isEqualTo(2);
      }
    }
  }

  private static Transition apply(Transition x, Input in, Instant now) {
    RolloutState s = x.state();
    try {
      return switch (in) {
        case GOOD -> Rollouts.observe(s, RolloutsTest.good(now), now);
        case SHIFTED -> Rollouts.observe(s, RolloutsTest.shifted(now), now);
        case FEW -> Rollouts.observe(s, Measurement.of(now, 3, Map.of()), now);
        case ERROR -> Rollouts.observe(s, Measurement.failed(now, "gateway unreachable"), now);
        case TICK -> Rollouts.tick(s, now.plus(Duration.ofMinutes(3)));
        case PAUSE -> Rollouts.pause(s, "p", now);
        case RESUME -> Rollouts.resume(s, "r", now);
        case PROMOTE -> Rollouts.promote(s, "p", now);
        case ABORT -> Rollouts.abort(s, "a", "test", now);
      };
    } catch (RolloutException e) {
      assertThat(e.getMessage()).isNotBlank();
      return new Transition(s, Rollouts.routing(s), List.of());
    }
  }
}
