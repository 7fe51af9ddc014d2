package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.DeploymentChange;
import dev.kiln.release.environment.EnvironmentConflictException;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.gate.Threshold;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.RegistryException;
import dev.kiln.release.rollout.AnalysisSpec;
import dev.kiln.release.rollout.CanaryStep;
import dev.kiln.release.rollout.RolloutState;
import dev.kiln.release.rollout.Rollouts;
import dev.kiln.release.rollout.Routing;
import dev.kiln.release.rollout.Strategy;
import dev.kiln.release.rollout.Transition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environments contract; runs against SQLite and PostgreSQL (subclasses). */
abstract class EnvironmentsContract {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  @TempDir
  Path dir;
  MetadataStore store;

  abstract String url(Path dir);

  @BeforeEach
  void open() {
    store = MetadataStore.open(url(dir), dir);
    for (String m : List.of("m1", "m2", "m3")) {
      store.registry().register(RegistryContract.version("credit", m, true, 0.8));
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Strategy.Canary canary() {
    return new Strategy.Canary(List.of(new CanaryStep.Weight(10), new CanaryStep.Pause(Optional.of(Duration.ofMinutes(1))),
        new CanaryStep.Weight(100)), Duration.ofSeconds(30),
        AnalysisSpec.of(Map.of("error_rate", Threshold.parse("> 0.01", false))), Optional.of("X-User"));
  }

  DeploymentChange change(Transition t, OptionalLong expected, Instant at) {
    return new DeploymentChange("production", "credit", t.state().serving(), Optional.of(t.state()), t.events(), "ops",
        "deploy", Optional.of(7L), expected, at);
  }

  @Test
  void applyingAChangeMovesTheAliasNamedLikeTheEnvironmentInTheSameTransaction() {
    Transition first = Rollouts.start("production", 0, 1, new Strategy.Replace(), T0);
    Deployment d = store.environments().apply(new DeploymentChange("production", "credit", 1, Optional.of(first.state()),
        first.events(), "ops", "first release", Optional.empty(), OptionalLong.of(0), T0));
    assertThat(d.stable()).isEqualTo(1);
    assertThat(d.revision()).isEqualTo(1);
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).isEqualTo(1);
    assertThat(store.registry().history("credit", Optional.of("production"), 5)).singleElement()
        .satisfies(m -> assertThat(m.reason()).isEqualTo("environment production: first release"));
  }

  @Test
  void aRolloutInProgressRoundTripsWithItsStrategyAndTheAliasStaysOnStable() {
    seed();
    Transition canary = Rollouts.start("production", 1, 2, canary(), T0.plusSeconds(60));
    Deployment d = store.environments().apply(change(canary, OptionalLong.of(1), T0.plusSeconds(60)));
    RolloutState back = d.rollout().orElseThrow();
    assertThat(back).isEqualTo(canary.state());
    assertThat(d.routing()).isEqualTo(Routing.split(1, 2, 10));
    assertThat(d.inProgress()).isPresent();
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).as("stable serves").isEqualTo(1);
    Transition promoted = Rollouts.promote(back, "ops", T0.plusSeconds(90));
    d = store.environments().apply(change(promoted, OptionalLong.of(2), T0.plusSeconds(90)));
    assertThat(d.stable()).isEqualTo(2);
    assertThat(d.inProgress()).isEmpty();
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).isEqualTo(2);
  }

  @Test
  void aChangeToAnEnvironmentThatMovedMeanwhileIsRefusedAndNothingIsApplied() {
    seed();
    Transition canary = Rollouts.start("production", 1, 2, canary(), T0.plusSeconds(60));
    store.environments().apply(change(canary, OptionalLong.of(1), T0.plusSeconds(60)));
    Transition other = Rollouts.start("production", 1, 3, new Strategy.Replace(), T0.plusSeconds(61));
    assertThatThrownBy(() -> store.environments().apply(change(other, OptionalLong.of(1), T0.plusSeconds(61))))
        .isInstanceOf(EnvironmentConflictException.class).hasMessageContaining("revision 2, expected 1");
    assertThat(store.environments().find("production").orElseThrow().rollout().orElseThrow().candidate()).isEqualTo(2);
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).isEqualTo(1);
  }

  @Test
  void aVersionThatDoesNotExistIsRefusedNamingWhatExists() {
    Transition t = Rollouts.start("production", 0, 9, new Strategy.Replace(), T0);
    assertThatThrownBy(() -> store.environments().apply(change(t, OptionalLong.empty(), T0)))
        .isInstanceOf(RegistryException.class).hasMessageContaining("has no version 9; versions are 1 to 3");
    assertThat(store.environments().find("production")).isEmpty();
  }

  @Test
  void theHistoryKeepsEveryEventNewestFirst() {
    seed();
    Transition canary = Rollouts.start("production", 1, 2, canary(), T0.plusSeconds(60));
    store.environments().apply(change(canary, OptionalLong.of(1), T0.plusSeconds(60)));
    List<EnvironmentEvent> h = store.environments().history("production", 10);
    assertThat(h).extracting(EnvironmentEvent::text).containsExactly("step 1/3: 10% to v2", "replaced v0 with v1");
    assertThat(h.get(0).runId()).isEqualTo(7L);
    assertThat(h.get(0).fromVersion()).isEqualTo(1);
    assertThat(store.environments().all()).extracting(Deployment::environment).containsExactly("production");
  }

  private void seed() {
    Transition first = Rollouts.start("production", 0, 1, new Strategy.Replace(), T0);
    store.environments().apply(new DeploymentChange("production", "credit", 1, Optional.of(first.state()),
        first.events(), "ops", "first", Optional.empty(), OptionalLong.of(0), T0));
  }
}
