package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.YamlReader;
import dev.kiln.core.runs.RunQueue;
import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.monitor.Alert;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.StrategyOptions;
import dev.kiln.serve.monitor.Monitor;
import dev.kiln.serve.monitor.MonitorSection;
import dev.kiln.store.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitor's rollback and retrain actions on a real SQLite store: the environment goes back as
 * {@code kiln rollback} takes it back (alias moved, history saying which rule did it), the run
 * queue holds a request with the trigger {@code monitor:RULE}, and the alert is recorded with what
 * each action did.
 */
class MonitorActionsTest {
  @TempDir
  Path dir;
  private TestProject p;
  private MetadataStore store;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-06T12:00:00Z"));
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private Deployer deployer;

  @BeforeEach
  void threeVersions() throws Exception {
    p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    StringBuilder sb = new StringBuilder("age,plan,churn\n");
    java.util.Random r = new java.util.Random(3);
    for (int i = 0; i < 200; i++) {
      int age = 18 + r.nextInt(60);
      sb.append(age).append(',').append(i % 3 == 0 ? "basic" : "pro").append(',')
          .append(age < 40 == r.nextDouble() < 0.8 ? "yes" : "no").append('\n');
    }
    p.file("data.csv", sb.toString());
    for (String v : new String[] {"a", "b", "c"}) {
      TestProject.Result t = p.kiln("train", dir.resolve("data.csv").toString(), "--label", "churn", "--algorithm",
          "logistic-regression", "--out", dir.resolve(v).toString(), "-P", "epochs=" + (v.charAt(0) - 'a' + 3));
      assertThat(t.exit()).as(t.toString()).isZero();
      TestProject.Result reg = p.kiln("models", "register", dir.resolve(v).toString(), "--name", "churn");
      assertThat(reg.exit()).as(reg.toString()).isZero();
    }
    store = MetadataStore.open(MetadataStore.sqliteUrl(dir), dir);
    deployer = new Deployer(store.environments(), store.registry(), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private Monitor monitor(String actions) {
    String yaml = "environment: production\nrules:\n  - name: input-drift\n    drift: {share-of-features: \">= 0.5\"}\n"
        + "    actions: " + actions + "\n";
    return new Monitor(MonitorSection.parse(YamlReader.parse(yaml, new Problems("kiln.yaml")).orElseThrow(),
        "kiln.yaml"), new Monitor.Services(store.alerts(), deployer, store.environments(), store.runQueue(), "test",
        k -> null, log::add, clock));
  }

  private void deploy(int version, String strategy) {
    deployer.deploy(new DeployRequest("production", "churn", version, StrategyOptions.of(strategy).toStrategy(),
        "tester", "test", Optional.empty(), false));
  }

  private MonitorWindow drifted(int version) {
    clock.advance(Duration.ofMinutes(1));
    List<FeatureDrift> fs = List.of(new FeatureDrift("age", "ks", 0.001, 0.05, true, 0.6, 300),
        new FeatureDrift("plan", "chisquare", 0.4, 0.05, false, 0.01, 300));
    return new MonitorWindow("production", "churn", Integer.toString(version), clock.instant().minusSeconds(60),
        clock.instant(), 300, 0, 1, 3, fs, Optional.empty(), 0, Map.of());
  }

  private String history() {
    return store.environments().history("production", 100).stream().map(EnvironmentEvent::text)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aFiringRuleRollsTheEnvironmentBackAndQueuesARetrainRunAndRecordsBoth() {
    deploy(1, "replace");
    deploy(2, "replace");
    try (Monitor m = monitor("[log, rollback, retrain]")) {
      m.observe(drifted(2));
    }
    assertThat(store.environments().find("production").orElseThrow().stable()).isEqualTo(1);
    assertThat(store.registry().resolve(ModelRef.parse("churn@production")).version()).isEqualTo(1);
    assertThat(history()).contains("rolled back from v2 to v1 by monitor rule input-drift: alert 1: input-drift on v2: "
        + "1 of 2 features drifted (50% >= 50%): age (ks 0.00100)");
    TestProject.Result cli = p.kiln("environments", "history", "production");
    assertThat(cli.out()).contains("monitor rule input-drift");

    Optional<RunQueue.Request> waiting = store.runQueue().waiting("test");
    assertThat(waiting).isPresent();
    assertThat(waiting.get().trigger()).isEqualTo("monitor:input-drift");
    assertThat(waiting.get().cause()).startsWith("alert 1: input-drift on v2");

    List<Alert> alerts = store.alerts().list(Optional.of("production"), Instant.EPOCH);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("input-drift");
      assertThat(a.version()).isEqualTo("2");
      assertThat(a.evidenceJson()).contains("\"feature\":\"age\"");
      assertThat(a.actions()).extracting(Alert.ActionResult::action).containsExactly("log", "rollback", "retrain");
      assertThat(a.actions()).allSatisfy(x -> assertThat(x.status()).isEqualTo("ok"));
      assertThat(a.actions().get(1).detail()).isEqualTo("rolled production back from v2 to v1");
    });
    assertThat(log).anySatisfy(l -> assertThat(l).startsWith("alert 1: production (churn:2): input-drift on v2"));
  }

  @Test
  void anAlertOnACanaryAbortsItsRolloutAndStableServesOn() {
    deploy(1, "replace");
    deploy(2, "canary");
    try (Monitor m = monitor("[rollback]")) {
      m.observe(drifted(2));
    }
    var d = store.environments().find("production").orElseThrow();
    assertThat(d.stable()).isEqualTo(1);
    assertThat(d.rollout().orElseThrow().phase()).isEqualTo(Phase.ABORTED);
    assertThat(store.alerts().list(Optional.empty(), Instant.EPOCH).get(0).actions().get(0).detail())
        .isEqualTo("aborted the rollout of v2; production serves v1");
  }

  @Test
  void anAlertOnAVersionNoLongerServingIsSkipped() {
    deploy(1, "replace");
    deploy(3, "replace");
    try (Monitor m = monitor("[rollback]")) {
      m.observe(drifted(2));
    }
    assertThat(store.environments().find("production").orElseThrow().stable()).isEqualTo(3);
    Alert.ActionResult r = store.alerts().list(Optional.empty(), Instant.EPOCH).get(0).actions().get(0);
    assertThat(r.status()).isEqualTo("skipped");
    assertThat(r.detail()).isEqualTo("production no longer serves v2 (it serves v3)");
  }
}
