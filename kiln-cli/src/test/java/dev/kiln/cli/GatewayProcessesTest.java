package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.rollout.Phase;
import dev.kiln.store.MetadataStore;
import dev.kiln.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways as users run them — {@code kiln serve --env}, each its own JVM — carrying out a canary
 * recorded by {@code kiln deploy}: a gateway killed with kill -9 mid-rollout and started again
 * routes as before and finishes the rollout; two gateways on one PostgreSQL store route alike
 * while only one controller acts. The analyses judge errors and the prediction shift only: p99
 * latency on a machine shared with builds is not what these tests are about.
 */
class GatewayProcessesTest {
  private static final Pattern READY = Pattern.compile("kiln gateway ready on (http://\\S+)");
  @TempDir
  Path dir;
  private final List<Process> gateways = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();
  private TestProject p;

  @AfterEach
  void stopGateways() {
    gateways.forEach(Process::destroyForcibly);
  }

  private void twoVersions(String... db) throws Exception {
    p = new TestProject(dir);
    p.pipeline("stages:\n  noop: {run: 'true'}\n");
    Random r = new Random(5);
    StringBuilder a = new StringBuilder("age,usage,churn\n");
    StringBuilder b = new StringBuilder("age,usage,churn\n");
    for (int i = 0; i < 600; i++) {
      int age = 18 + r.nextInt(60);
      double usage = Math.round(r.nextDouble() * 1000) / 10.0;
      String churn = (age < 40 ? 0.7 : 0.2) - usage / 500 > r.nextDouble() ? "yes" : "no";
      (i < 400 ? a : b).append(age).append(',').append(usage).append(',').append(churn).append('\n');
      bodies.add("{\"dataframe_records\": [{\"age\": " + age + ", \"usage\": " + usage + "}]}");
    }
    p.file("a.csv", a.toString()).file("b.csv", a.toString() + b.toString().substring("age,usage,churn\n".length()));
    for (String v : List.of("a", "b")) {
      ok(kiln(db, "train", dir.resolve(v + ".csv").toString(), "--label", "churn", "--algorithm",
          "gradient-boosting", "--out", dir.resolve(v).toString(), "-P", "trees=20"));
      ok(kiln(db, "models", "register", dir.resolve(v).toString(), "--name", "churn"));
    }
    ok(kiln(db, "deploy", "churn:1", "--env", "production"));
  }

  private TestProject.Result kiln(String[] db, String... args) {
    List<String> all = new ArrayList<>(List.of(db));
    all.addAll(List.of(args));
    return p.kiln(all.toArray(String[]::new));
  }

  private static TestProject.Result ok(TestProject.Result r) {
    assertThat(r.exit()).as(r.toString()).isZero();
    return r;
  }

  /** Starts {@code kiln serve --env production} in its own JVM and returns its URL once it is ready. */
  private String gateway(String name, String... db) throws Exception {
    Path log = dir.resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.kiln.cli.Main", "-C", dir.toString()));
    cmd.addAll(List.of(db));
    cmd.addAll(List.of("serve", "--env", "production", "--port", "0", "--poll", "200ms"));
    Process gw = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    gateways.add(gw);
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      Matcher m = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
      if (m.find()) {
        return m.group(1);
      }
      assertThat(gw.isAlive()).as(Files.exists(log) ? Files.readString(log) : "no output").isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("gateway " + name + " did not get ready: " + Files.readString(log));
  }

  private static Deployment production(MetadataStore store) {
    return store.environments().find("production").orElseThrow();
  }

  private static List<EnvironmentEvent> events(MetadataStore store) {
    return store.environments().history("production", 200);
  }

  /** Sends load to every gateway until the rollout is over (or 60 s passed). */
  private static void untilFinished(MetadataStore store, LoadClient... loads) throws InterruptedException {
    for (LoadClient l : loads) {
      l.start(2);
    }
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && production(store).inProgress().isPresent()) {
      Thread.sleep(200);
    }
    for (LoadClient l : loads) {
      l.stop();
    }
  }

  @Test
  void aGatewayKilledMidCanaryIsRestartedRoutesAsTheStoreSaysAndFinishesTheRollout() throws Exception {
    twoVersions();
    String first = gateway("first");
    ok(p.kiln("deploy", "churn:2", "--env", "production", "--strategy", "canary", "--steps", "50,100",
        "--interval", "3s", "--min-samples", "20", "--analysis", "error_rate=> 0.01", "--analysis",
        "prediction_psi=> 0.25", "--no-wait"));
    try (MetadataStore store = MetadataStore.open(MetadataStore.sqliteUrl(dir), dir);
        LoadClient load = new LoadClient(first, bodies)) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (load.answeredBy(2) == 0 && System.currentTimeMillis() < deadline) {
        load.send(20);
      }
      assertThat(load.answeredBy(2)).as(load.toString()).isPositive();
      gateways.get(0).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertThat(production(store).inProgress()).isPresent();

      String second = gateway("second");
      try (LoadClient after = new LoadClient(second, bodies)) {
        after.send(200);
        assertThat(after.answeredBy(1)).as(after.toString()).isBetween(60L, 140L);
        assertThat(after.answeredBy(2)).as(after.toString()).isBetween(60L, 140L);
        untilFinished(store, after);
        assertThat(after.failures()).as(after.toString()).isZero();
      }
      Deployment d = production(store);
      assertThat(d.rollout().orElseThrow().phase()).as(events(store).toString()).isEqualTo(Phase.PROMOTED);
      assertThat(d.stable()).isEqualTo(2);
      assertThat(ok(p.kiln("models", "show", "churn@production")).out()).contains("churn:2");
    }
  }

  @Test
  void twoGatewaysOnOnePostgresStoreRouteAlikeAndOnlyOneControllerActs() throws Exception {
    String[] db = {"--db", TestDatabases.freshPostgresSchema()};
    twoVersions(db);
    String a = gateway("a", db);
    String b = gateway("b", db);
    ok(kiln(db, "deploy", "churn:2", "--env", "production", "--strategy", "canary", "--steps", "50,100",
        "--interval", "10s", "--min-samples", "20", "--analysis", "error_rate=> 0.01", "--analysis",
        "prediction_psi=> 0.25", "--no-wait"));
    for (String gateway : List.of(a, b)) {
      awaitCanaryLoaded(gateway);
    }
    try (MetadataStore store = MetadataStore.open(db[1], dir); LoadClient la = new LoadClient(a, bodies);
        LoadClient lb = new LoadClient(b, bodies)) {
      la.send(100);
      lb.send(100);
      for (LoadClient l : List.of(la, lb)) {
        assertThat(l.answeredBy(1)).as(l.toString()).isBetween(25L, 75L);
        assertThat(l.answeredBy(2)).as(l.toString()).isBetween(25L, 75L);
      }
      untilFinished(store, la, lb);
      assertThat(la.failures() + lb.failures()).isZero();
      assertThat(production(store).rollout().orElseThrow().phase()).as(events(store).toString())
          .isEqualTo(Phase.PROMOTED);
      Set<String> controllers = events(store).stream().filter(e -> e.text().startsWith("analysis"))
          .map(EnvironmentEvent::actor).collect(Collectors.toSet());
      assertThat(controllers).as(events(store).toString()).hasSize(1);
      la.reset();
      lb.reset();
      Thread.sleep(1000);
      la.send(50);
      lb.send(50);
      assertThat(la.answeredBy(2) + lb.answeredBy(2)).as(la + " " + lb).isEqualTo(100);
    }
  }

  /** Waits until the gateway has loaded the canary and sends it a share, on a client of its own. */
  private void awaitCanaryLoaded(String gateway) throws Exception {
    try (LoadClient warm = new LoadClient(gateway, bodies)) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (warm.answeredBy(2) == 0 && System.currentTimeMillis() < deadline) {
        warm.send(20);
      }
      if (warm.answeredBy(2) == 0) {
        StringBuilder logs = new StringBuilder();
        for (Path log : Files.newDirectoryStream(dir, "*.log")) {
          logs.append("\n--- ").append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        throw new AssertionError("the canary on " + gateway + " got no request: " + warm + logs);
      }
    }
  }
}
