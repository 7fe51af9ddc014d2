package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.environment.EnvironmentException;
import dev.kiln.release.environment.RolloutCommand;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.registry.UnblessedVersionException;
import dev.kiln.release.rollout.Measurement;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.Rollouts;
import dev.kiln.release.rollout.Routing;
import dev.kiln.release.rollout.Strategy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy rules over a real store (SQLite): what may move an environment, and how. */
class DeployerTest {
  static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
  @TempDir
  Path dir;
  MetadataStore store;
  Deployer deployer;

  @BeforeEach
  void open() {
    store = MetadataStore.open(TestDatabases.sqlite(dir), dir);
    store.registry().register(RegistryContract.version("credit", "m1", true, 0.8));
    store.registry().register(RegistryContract.version("credit", "m2", true, 0.81));
    store.registry().register(RegistryContract.version("credit", "m3", false, 0.7));
    deployer = new Deployer(store.environments(), store.registry(), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  DeployRequest request(int version, Strategy s, boolean force) {
    return new DeployRequest("production", "credit", version, s, "ops", force ? "hotfix" : "", Optional.of(4L), force);
  }

  @Test
  void theFirstDeploymentServesTheVersionAndMovesTheAlias() {
    Deployment d = deployer.deploy(request(1, EnvironmentsContract.canary(), false));
    assertThat(d.stable()).isEqualTo(1);
    assertThat(d.routing()).isEqualTo(Routing.only(1));
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).isEqualTo(1);
    assertThat(store.environments().history("production", 5)).extracting(EnvironmentEvent::text)
        .containsExactly("first deployment: v1 serves all traffic (no stable version to compare with)");
  }

  @Test
  void aSecondDeploymentStartsItsRolloutAndARunningOneRefusesAThirdUnlessForced() {
    deployer.deploy(request(1, new Strategy.Replace(), false));
    Deployment d = deployer.deploy(request(2, EnvironmentsContract.canary(), false));
    assertThat(d.routing()).isEqualTo(Routing.split(1, 2, 10));
    assertThatThrownBy(() -> deployer.deploy(request(2, new Strategy.Replace(), false)))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("is in a rollout of v2 (progressing)", "kiln rollout abort production");
    Deployment forced = deployer.deploy(new DeployRequest("production", "credit", 1, new Strategy.Replace(), "ops",
        "back to v1", Optional.empty(), true));
    assertThat(forced.stable()).isEqualTo(1);
    assertThat(store.environments().history("production", 3)).extracting(EnvironmentEvent::text)
        .contains("aborted: aborted by ops: superseded by v1; all traffic back to v1");
  }

  @Test
  void aVersionItsGateDidNotBlessNeedsForceAndAReason() {
    deployer.deploy(request(1, new Strategy.Replace(), false));
    assertThatThrownBy(() -> deployer.deploy(request(3, new Strategy.Replace(), false)))
        .isInstanceOf(UnblessedVersionException.class);
    assertThat(deployer.deploy(request(3, new Strategy.Replace(), true)).stable()).isEqualTo(3);
  }

  @Test
  void commandsAndTheControllersStepsGoThroughTheMachine() {
    deployer.deploy(request(1, new Strategy.Replace(), false));
    deployer.deploy(request(2, EnvironmentsContract.canary(), false));
    Deployment paused = deployer.command("production", RolloutCommand.PAUSE, "alice", "");
    assertThat(paused.inProgress().orElseThrow().phase()).isEqualTo(Phase.PAUSED);
    deployer.command("production", RolloutCommand.RESUME, "alice", "");
    Measurement bad = Measurement.of(T0.plusSeconds(30), 500, Map.of("error_rate", 0.2));
    deployer.advance("production", "gateway", r -> Rollouts.observe(r, bad, T0.plusSeconds(30)));
    Deployment aborted = deployer.advance("production", "gateway", r -> Rollouts.observe(r, bad, T0.plusSeconds(60)))
        .orElseThrow();
    assertThat(aborted.rollout().orElseThrow().phase()).isEqualTo(Phase.ABORTED);
    assertThat(aborted.routing()).isEqualTo(Routing.only(1));
    assertThat(deployer.advance("production", "gateway", r -> Rollouts.tick(r, T0.plusSeconds(90)))).isEmpty();
    assertThatThrownBy(() -> deployer.command("production", RolloutCommand.PROMOTE, "bob", ""))
        .hasMessage("environment 'production' has no rollout in progress; it runs v1");
  }

  @Test
  void rollbackReturnsAtOnceToTheVersionBeforeAndRecordsIt() {
    deployer.deploy(request(1, new Strategy.Replace(), false));
    deployer.deploy(request(2, new Strategy.Replace(), false));
    Deployment back = deployer.rollback("production", OptionalInt.empty(), "oncall", "latency");
    assertThat(back.stable()).isEqualTo(1);
    assertThat(store.registry().resolve(ModelRef.parse("credit@production")).version()).isEqualTo(1);
    assertThat(store.environments().history("production", 1)).extracting(EnvironmentEvent::text)
        .containsExactly("rolled back from v2 to v1 by oncall: latency");
    assertThatThrownBy(() -> deployer.rollback("prodution", OptionalInt.empty(), "x", ""))
        .hasMessage("no environment 'prodution' (did you mean 'production'?); environments: production");
    List<String> moves = store.registry().history("credit", Optional.of("production"), 10).stream()
        .map(m -> m.fromVersion() + "→" + m.toVersion()).toList();
    assertThat(moves).containsExactly("2→1", "1→2", "null→1");
  }
}
