package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.TestClock;
import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.Deployment;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.environment.RolloutCommand;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.rollout.Phase;
import dev.kiln.release.rollout.StrategyOptions;
import dev.kiln.serve.CheckedOutBundles;
import dev.kiln.serve.DeploymentFollower;
import dev.kiln.serve.Gateway;
import dev.kiln.serve.GatewayOptions;
import dev.kiln.serve.RolloutController;
import dev.kiln.store.MetadataStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rollouts carried out by a real gateway on loopback, with real models and a real SQLite store,
 * under a load client that counts every response. The controller's clock is moved by hand, so
 * analysis intervals pass without sleeping; the traffic itself is real HTTP.
 *
 * <p>Versions of one churn model: v1, and v2 with one more boosting round on the same rows (both
 * sound; a model retrained on more rows of the same population can differ by a prediction PSI
 * near the 0.25 limit in a window of 150 scores, which made a test of "sound" a coin toss), v3 on v1's rows with the labels shuffled (it learned nothing: its scores sit
 * near the base rate, far from v1's).
 */
class GatewayRolloutTest {
  private static final String MODEL = "churn";
  @TempDir
  static Path dir;
  static TestProject project;
  static MetadataStore store;
  static List<String> bodies;
  private final TestClock clock = new TestClock(Instant.parse("2026-12-04T12:00:00Z"));
  private final List<String> log = Collections.synchronizedList(new ArrayList<>());
  private Gateway gateway;
  private RolloutController controller;
  private Deployer deployer;

  @BeforeAll
  static void models() throws Exception {
    project = new TestProject(dir);
    project.pipeline("stages:\n  noop: {run: 'true'}\n");
    bodies = new ArrayList<>();
    List<String[]> first = sample(new Random(7), 600);
    for (String[] row : first) {
      bodies.add("{\"dataframe_records\": [{\"age\": " + row[0] + ", \"plan\": \"" + row[1] + "\", \"usage\": "
          + row[2] + "}]}");
    }
    List<String[]> second = new ArrayList<>(first);
    second.addAll(sample(new Random(8), 300));
    List<String> labels = new ArrayList<>(first.stream().map(row -> row[3]).toList());
    Collections.shuffle(labels, new Random(11));
    List<String[]> shuffled = new ArrayList<>();
    for (int i = 0; i < first.size(); i++) {
      shuffled.add(new String[] {first.get(i)[0], first.get(i)[1], first.get(i)[2], labels.get(i)});
    }
    project.file("first.csv", csv(first)).file("second.csv", csv(second)).file("shuffled.csv", csv(shuffled));
    train("first.csv", "v1", 30);
    train("first.csv", "v2", 31);
    train("shuffled.csv", "v3", 30);
    train("second.csv", "v4", 30);
    store = MetadataStore.open(MetadataStore.sqliteUrl(dir), dir);
  }

  /** Rows of age, plan, usage and churn from one population; another seed is another sample of it. */
  private static List<String[]> sample(Random r, int n) {
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int age = 18 + r.nextInt(60);
      String plan = r.nextInt(3) == 0 ? "basic" : "pro";
      double usage = Math.round(r.nextDouble() * 1000) / 10.0;
      boolean churn = (age < 40 ? 0.75 : 0.15) + (plan.equals("basic") ? 0.15 : 0) - usage / 400 > r.nextDouble();
      rows.add(new String[] {Integer.toString(age), plan, Double.toString(usage), churn ? "yes" : "no"});
    }
    return rows;
  }

  private static String csv(List<String[]> rows) {
    StringBuilder sb = new StringBuilder("age,plan,usage,churn\n");
    rows.forEach(r -> sb.append(String.join(",", r)).append('\n'));
    return sb.toString();
  }

  private static void train(String data, String out, int trees) {
    TestProject.Result t = project.kiln("train", dir.resolve(data).toString(), "--label", "churn", "--algorithm",
        "gradient-boosting", "--out", dir.resolve(out).toString(), "-P", "trees=" + trees);
    assertThat(t.exit()).as(t.toString()).isZero();
    TestProject.Result reg = project.kiln("models", "register", dir.resolve(out).toString(), "--name", MODEL);
    assertThat(reg.exit()).as(reg.toString()).isZero();
  }

  @Test
  void gatewaysSharingAProjectWriteOneVersionsBundleAtOnceAndEachLoadsAWholeBundle() throws Exception {
    Path root = dir.resolve(".kiln/bundles-race-" + System.nanoTime());
    Path kiln = dir.resolve(".kiln-race-" + System.nanoTime());   // a checkout of its own, made at once too
    var version = store.registry().resolve(ModelRef.parse(MODEL + ":1"));
    int writers = 6;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try (Gateway loader = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), line -> { })) {
      List<java.util.concurrent.Future<Path>> done = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        done.add(pool.submit(() -> {
          CheckedOutBundles own = new CheckedOutBundles(new ModelCheckout(new ArtifactStore(
              dir.resolve(".kiln/objects")), kiln), root, "test");
          start.await();
          Path bundle = own.bundle(version);
          dev.kiln.release.bundle.BundleManifest.verify(bundle);   // no file pulled from under it
          loader.load(bundle);                                    // and its model loads whole
          return bundle;
        }));
      }
      for (var f : done) {
        assertThat(f.get()).isEqualTo(root.resolve(MODEL).resolve("1"));
      }
    } finally {
      pool.shutdownNow();
    }
    try (var left = java.nio.file.Files.list(root.resolve(MODEL))) {
      assertThat(left.map(q -> q.getFileName().toString())).as("only the bundle is left").containsExactly("1");
    }
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  /** A gateway following {@code env}, its controller on the test's clock. */
  private String gatewayFor(String env) throws Exception {
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), log::add);
    CheckedOutBundles bundles = new CheckedOutBundles(new ModelCheckout(new ArtifactStore(dir.resolve(".kiln/objects")),
        dir.resolve(".kiln")), dir.resolve(".kiln/bundles"), "test");
    DeploymentFollower follower = new DeploymentFollower(store.environments(), store.registry(), MODEL, env, bundles,
        gateway, log::add);
    deployer = new Deployer(store.environments(), store.registry(), clock);
    controller = new RolloutController(follower, deployer, store.controllerLeases(), gateway.windows(), clock,
        "test gateway", log::add);
    return gateway.url();
  }

  @AfterEach
  void stop() {
    if (controller != null) {
      controller.close();
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  private void deploy(String env, int version, StrategyOptions how) {
    deployer.deploy(new DeployRequest(env, MODEL, version, how.toStrategy(), "tester", "test", Optional.empty(), false));
  }

  private static StrategyOptions canary(String steps) {
    return new StrategyOptions("canary", Optional.of(steps), Optional.of("30s"), Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Serves {@code n} requests, then lets one analysis interval pass and the controller act. */
  private void interval(LoadClient load, int n) throws Exception {
    load.send(n);
    clock.advance(Duration.ofSeconds(31));
    controller.tick();
  }

  private Deployment env(String env) {
    return store.environments().find(env).orElseThrow();
  }

  private String history(String env) {
    return store.environments().history(env, 100).stream().map(EnvironmentEvent::text)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aCanaryOfALabelShuffledModelIsAbortedWithinTwoIntervalsWhileASoundOneIsPromoted() throws Exception {
    String url = gatewayFor("production");
    deploy("production", 1, StrategyOptions.of("replace"));
    controller.tick();
    try (LoadClient load = new LoadClient(url, bodies)) {
      deploy("production", 3, canary("50,100"));
      controller.tick();
      interval(load, 300);
      interval(load, 300);
      Deployment d = env("production");
      assertThat(d.rollout().orElseThrow().phase()).as(history("production")).isEqualTo(Phase.ABORTED);
      assertThat(d.stable()).isEqualTo(1);
      assertThat(history("production")).contains("prediction PSI").contains("aborted");
      assertThat(store.registry().resolve(ModelRef.parse(MODEL + "@production")).version()).isEqualTo(1);
      load.reset();
      load.send(200);
      assertThat(load.answeredBy(1)).as(load.toString()).isEqualTo(200);

      deploy("production", 2, canary("50,100"));
      controller.tick();
      interval(load, 300);
      Deployment promoted = env("production");
      assertThat(promoted.rollout().orElseThrow().phase()).as(history("production")).isEqualTo(Phase.PROMOTED);
      assertThat(promoted.stable()).isEqualTo(2);
      assertThat(history("production")).contains("PSI against the training labels");
      assertThat(store.registry().resolve(ModelRef.parse(MODEL + "@production")).version()).isEqualTo(2);
      assertThat(load.failures()).as(load.toString()).isZero();
    }
  }

  @Test
  void aCandidateThatDoesNotLoadAbortsItsRolloutAndStableServesOn() throws Exception {
    String url = gatewayFor("broken");
    deploy("broken", 1, StrategyOptions.of("replace"));
    controller.tick();
    Path bundle = dir.resolve(".kiln/bundles/churn/4");
    java.nio.file.Files.createDirectories(bundle.resolve("model"));
    java.nio.file.Files.writeString(bundle.resolve("model/model.json"), "{}");
    java.nio.file.Files.writeString(bundle.resolve("bundle.json"), "{\"format\": 1}");
    java.nio.file.Files.writeString(bundle.resolve("MANIFEST.sha256"), "0".repeat(64) + "  model/model.json\n");
    try {
      deploy("broken", 4, canary("50,100"));
      controller.tick();
      controller.tick();
      Deployment d = env("broken");
      assertThat(d.rollout().orElseThrow().phase()).as(history("broken")).isEqualTo(Phase.ABORTED);
      assertThat(d.rollout().orElseThrow().reason()).contains("v4 does not load").contains("model/model.json");
      try (LoadClient load = new LoadClient(url, bodies)) {
        load.send(100);
        assertThat(load.answeredBy(1)).as(load.toString()).isEqualTo(100);
      }
    } finally {
      try (var files = java.nio.file.Files.walk(bundle)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void theTrafficSplitMatchesTheCanaryWeightWithinABinomialTolerance() throws Exception {
    String url = gatewayFor("split");
    deploy("split", 1, StrategyOptions.of("replace"));
    controller.tick();
    deploy("split", 2, canary("25,100"));
    controller.tick();
    try (LoadClient load = new LoadClient(url, bodies)) {
      int n = 2000;
      load.send(n);
      double sigma = Math.sqrt(n * 0.25 * 0.75);
      assertThat((double) load.answeredBy(2)).as(load.toString()).isBetween(n * 0.25 - 4 * sigma, n * 0.25 + 4 * sigma);
      assertThat(load.answeredBy(1) + load.answeredBy(2)).isEqualTo(n);
    }
  }

  @Test
  void aBlueGreenSwitchACanaryAbortAndARollbackUnderLoadFailNoRequest() throws Exception {
    String url = gatewayFor("busy");
    deploy("busy", 1, StrategyOptions.of("replace"));
    controller.tick();
    try (LoadClient load = new LoadClient(url, bodies)) {
      load.start(8);
      deploy("busy", 2, StrategyOptions.of("blue-green"));
      controller.tick();
      assertThat(env("busy").stable()).isEqualTo(2);
      Thread.sleep(300);
      deploy("busy", 3, canary("50,100"));
      controller.tick();
      Thread.sleep(300);
      deployer.command("busy", RolloutCommand.ABORT, "tester", "test");
      controller.tick();
      Thread.sleep(300);
      deployer.rollback("busy", java.util.OptionalInt.empty(), "tester", "test");
      controller.tick();
      Thread.sleep(300);
      load.stop();
      assertThat(load.total()).isGreaterThan(200);
      assertThat(load.failures()).as(load.toString()).isZero();
      assertThat(env("busy").stable()).isEqualTo(1);
      assertThat(load.answeredBy(3)).isPositive();
    }
  }

  /** The version that answered one request, sent with the given headers. */
  private static String answeredBy(String url, String body, String... headers) throws Exception {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "/invocations"))
        .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(b.build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.headers().firstValue("X-Kiln-Model-Version").orElseThrow();
  }

  @Test
  void aBlueGreenCandidateAnswersOnItsPreviewBeforeTheSwitchAndTheOldStaysWarmAfter() throws Exception {
    String url = gatewayFor("bluegreen");
    deploy("bluegreen", 1, StrategyOptions.of("replace"));
    controller.tick();
    deploy("bluegreen", 2, new StrategyOptions("blue-green", Optional.empty(), Optional.empty(), Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false), Optional.of("1m"),
        Optional.empty()));
    controller.tick();
    String body = bodies.get(0);
    assertThat(answeredBy(url, body)).isEqualTo("1");
    assertThat(answeredBy(url, body, "X-Kiln-Model-Version", "2")).isEqualTo("2");
    assertThat(env("bluegreen").rollout().orElseThrow().phase()).isEqualTo(Phase.PAUSED);
    deployer.command("bluegreen", RolloutCommand.PROMOTE, "tester", "integration tests passed");
    controller.tick();
    assertThat(answeredBy(url, body)).isEqualTo("2");
    assertThat(answeredBy(url, body, "X-Kiln-Model-Version", "1")).as("kept warm").isEqualTo("1");
    clock.advance(Duration.ofMinutes(2));
    controller.tick();
    controller.tick();
    assertThat(history("bluegreen")).contains("rollback window ended");
    assertThat(gateway.router().table().deployment(MODEL).orElseThrow().versions()).hasSize(1);
  }

  @Test
  void aStickyHeaderKeepsEachCallerOnOneVersionWhileTheWeightsHold() throws Exception {
    String url = gatewayFor("sticky");
    deploy("sticky", 1, StrategyOptions.of("replace"));
    controller.tick();
    deploy("sticky", 2, new StrategyOptions("canary", Optional.of("50,100"), Optional.of("30s"), Map.of(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of("X-User")));
    controller.tick();
    Map<String, java.util.Set<String>> seen = new java.util.TreeMap<>();
    for (int round = 0; round < 3; round++) {
      for (int u = 0; u < 60; u++) {
        seen.computeIfAbsent("user-" + u, k -> new java.util.HashSet<>()).add(answeredBy(url, bodies.get(u),
            "X-User", "user-" + u));
      }
    }
    assertThat(seen.values()).allSatisfy(versions -> assertThat(versions).hasSize(1));
    long onCandidate = seen.values().stream().filter(v -> v.contains("2")).count();
    assertThat(onCandidate).as(seen.toString()).isBetween(15L, 45L);
  }

  @Test
  void aShadowNeverAnswersForThePrimaryAndReportsItsAgreement() throws Exception {
    String url = gatewayFor("shadowed");
    deploy("shadowed", 1, StrategyOptions.of("replace"));
    controller.tick();
    deploy("shadowed", 2, new StrategyOptions("shadow", Optional.empty(), Optional.of("30s"), Map.of(),
        Optional.empty(), Optional.empty(), Optional.of("100%"), Optional.of(1), Optional.of(true), Optional.empty(),
        Optional.empty()));
    controller.tick();
    try (LoadClient load = new LoadClient(url, bodies)) {
      interval(load, 400);
      assertThat(load.answeredBy(1)).as(load.toString()).isEqualTo(400);
      assertThat(load.failures()).isZero();
      assertThat(history("shadowed")).contains("agreement").contains("score delta").contains("analysis 1/1 passed");
      assertThat(env("shadowed").stable()).isEqualTo(2);
    }
  }
}
