package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.core.artifact.ArtifactStore;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.runs.RunQueue;
import dev.kiln.core.step.StepRegistry;
import dev.kiln.release.environment.DeployRequest;
import dev.kiln.release.environment.Deployer;
import dev.kiln.release.environment.EnvironmentEvent;
import dev.kiln.release.monitor.Alert;
import dev.kiln.release.registry.ModelCheckout;
import dev.kiln.release.registry.ModelRef;
import dev.kiln.release.rollout.StrategyOptions;
import dev.kiln.serve.CheckedOutBundles;
import dev.kiln.serve.DeploymentFollower;
import dev.kiln.serve.EnvironmentMonitor;
import dev.kiln.serve.Gateway;
import dev.kiln.serve.GatewayOptions;
import dev.kiln.serve.RolloutController;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.monitor.Monitor;
import dev.kiln.serve.monitor.MonitorConfig;
import dev.kiln.serve.monitor.MonitorSection;
import dev.kiln.serve.monitor.Signature;
import dev.kiln.store.MetadataStore;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor closing the loop on real HTTP, with a real SQLite store and models trained on the
 * telco churn data: a gateway for production serves v2 (v1 before it) under traffic drawn from the
 * held-out telco rows with a fixed seed; then the traffic drifts (longer tenure, higher charges,
 * one contract, one payment method, every customer a senior). The project's {@code monitor:} rule
 * fires on two drifted windows in a row: the alert is recorded with its evidence, a receiver on
 * loopback gets the webhook with a valid signature, production and {@code churn@production} are
 * back on v1 with no failed request meanwhile, and a retrain run is queued with the trigger
 * {@code monitor:input-drift}, which {@code kiln watch --once} starts as a run with that trigger. Windows close every 500 rows (or 2 s), so it takes seconds.
 */
class MonitorScenarioTest {
  private static final Path TELCO = Path.of("/work/shared/datasets/telco_churn.csv");
  private static final String SECRET = "the-webhook-secret";
  @TempDir
  static Path dir;
  static TestProject project;
  static MetadataStore store;
  static List<String> header;
  static List<String[]> heldOut = new ArrayList<>();

  @BeforeAll
  static void twoVersionsOfATelcoModel() throws Exception {
    project = new TestProject(dir);
    project.pipeline("stages:\n  noop: {run: 'true'}\n");
    List<String> lines = Files.readAllLines(TELCO);
    header = List.of(lines.get(0).replace("\"", "").split(","));
    List<String> train = new ArrayList<>(List.of(lines.get(0)));
    for (int i = 1; i < lines.size(); i++) {
      if ((i - 1) % 5 == 0) {
        String[] cells = lines.get(i).split(",", -1);
        if (java.util.Arrays.stream(cells).noneMatch(String::isEmpty)) {
          heldOut.add(cells);
        }
      } else {
        train.add(lines.get(i));
      }
    }
    Files.write(dir.resolve("train.csv"), train);
    for (int v = 1; v <= 2; v++) {
      TestProject.Result t = project.kiln("train", dir.resolve("train.csv").toString(), "--label", "churn",
          "--algorithm", "gradient-boosting", "--out", dir.resolve("v" + v).toString(), "-P", "trees=" + (20 + v));
      assertThat(t.exit()).as(t.toString()).isZero();
      TestProject.Result reg = project.kiln("models", "register", dir.resolve("v" + v).toString(), "--name", "churn");
      assertThat(reg.exit()).as(reg.toString()).isZero();
    }
    store = MetadataStore.open(MetadataStore.sqliteUrl(dir), dir);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  /** Single-row MLflow bodies from the held-out rows, drawn with a fixed seed, drifted or not. */
  private static List<String> bodies(long seed, int n, boolean drifted) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] row = heldOut.get(r.nextInt(heldOut.size()));
      StringBuilder sb = new StringBuilder("{\"dataframe_records\": [{");
      for (int c = 1; c < header.size(); c++) {
        String name = header.get(c);
        String value = drifted ? drift(name, row[c]) : row[c];
        sb.append(c == 1 ? "" : ", ").append('"').append(name).append("\": ").append(value);
      }
      out.add(sb.append("}]}").toString());
    }
    return out;
  }

  private static String drift(String column, String value) {
    return switch (column) {
      case "tenure" -> Long.toString(Long.parseLong(value) + 36);
      case "monthly_charges" -> Double.toString(Double.parseDouble(value) + 45);
      case "total_charges" -> Double.toString(Double.parseDouble(value) * 3 + 2000);
      case "senior_citizen" -> "1";
      case "contract" -> "\"Two year\"";
      case "payment_method" -> "\"Credit card (automatic)\"";
      case "paperless_billing" -> "0";
      case "internet_service" -> "\"Fiber optic\"";
      default -> value;
    };
  }

  private static void await(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within " + limit + ": " + what);
      }
      Thread.sleep(50);
    }
  }

  @Test
  void driftedTrafficRaisesTheAlertSendsASignedWebhookRollsBackAndQueuesARetrainRun() throws Exception {
    List<byte[]> hooks = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", ex -> {
      hooks.add(ex.getRequestBody().readAllBytes());
      signatures.add(ex.getRequestHeaders().getFirst("X-Kiln-Signature"));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    project.pipeline("on: [monitor]\n"
        + "monitor:\n"
        + "  environment: production\n"
        + "  window: 2s\n"
        + "  window-rows: 500\n"
        + "  rules:\n"
        + "    - name: input-drift\n"
        + "      drift: {share-of-features: \">= 0.3\"}\n"
        + "      for: 2\n"
        + "      cool-down: 1h\n"
        + "      actions:\n"
        + "        - log\n"
        + "        - webhook: {url: \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", "
        + "secret-env: KILN_WEBHOOK_SECRET}\n"
        + "        - rollback\n"
        + "        - retrain\n"
        + "stages:\n  noop: {run: 'true'}\n");
    MonitorConfig config = MonitorSection.of(new PipelineParser(StepRegistry.load()).load(dir)).orElseThrow();
    Clock clock = Clock.systemUTC();
    Deployer deployer = new Deployer(store.environments(), store.registry(), clock);
    for (int v = 1; v <= 2; v++) {
      deployer.deploy(new DeployRequest("production", "churn", v, StrategyOptions.of("replace").toStrategy(), "tester",
          "test", Optional.empty(), false));
    }
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Gateway gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0)
        .withDrift(new DriftOptions(true, config.window(), config.windowRows().orElseThrow().intValue(), 100)), log::add);
    CheckedOutBundles bundles = new CheckedOutBundles(new ModelCheckout(new ArtifactStore(dir.resolve(".kiln/objects")),
        dir.resolve(".kiln")), dir.resolve(".kiln/bundles"), "test");
    DeploymentFollower follower = new DeploymentFollower(store.environments(), store.registry(), "churn", "production",
        bundles, gateway, log::add);
    RolloutController controller = new RolloutController(follower, deployer, store.controllerLeases(),
        gateway.windows(), clock, "test gateway", log::add);
    controller.tick();
    controller.run(Duration.ofMillis(200));
    EnvironmentMonitor monitor = EnvironmentMonitor.start(gateway, "churn", config, new Monitor.Services(store.alerts(),
        deployer, store.environments(), store.runQueue(), "test", Map.of("KILN_WEBHOOK_SECRET", SECRET)::get, log::add,
        clock), store.monitorWindows(), clock);
    Instant began = clock.instant();
    try (LoadClient clean = new LoadClient(gateway.url(), bodies(42, 2000, false));
        LoadClient drifted = new LoadClient(gateway.url(), bodies(43, 2000, true))) {
      clean.send(1500);
      await("three clean windows of v2 recorded", Duration.ofSeconds(20), () -> store.monitorWindows()
          .since("production", began).stream().filter(w -> w.version().equals("2") && !w.features().isEmpty())
          .count() >= 3);
      assertThat(store.alerts().list(Optional.empty(), began)).as(String.join("\n", log)).isEmpty();
      assertThat(clean.failures()).isZero();

      Instant drifting = clock.instant();
      drifted.start(2);
      await("the rollback to v1", Duration.ofSeconds(30), () -> store.environments().find("production").orElseThrow()
          .stable() == 1);
      await("v1 answering", Duration.ofSeconds(10), () -> {
        drifted.reset();
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return drifted.answeredBy(1) > 0 && drifted.answeredBy(2) == 0;
      });
      drifted.stop();
      assertThat(drifted.failures()).as(drifted.toString()).isZero();
      assertThat(clean.failures() + drifted.failures()).isZero();
      System.out.println("monitor scenario: drifted traffic to rollback in "
          + Duration.between(drifting, clock.instant()).toMillis() + " ms");
    } finally {
      monitor.close();
      controller.close();
      gateway.close();
    }
    List<Alert> alerts = store.alerts().list(Optional.of("production"), began);
    assertThat(alerts).as(String.join("\n", log)).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("input-drift");
      assertThat(a.version()).isEqualTo("2");
      assertThat(a.summary()).startsWith("input-drift on v2: ").contains("features drifted")
          .contains("tenure").contains("(held for 2 windows in a row)");
      assertThat(a.evidenceJson()).contains("\"feature\":\"monthly_charges\"");
    });
    assertThat(store.registry().resolve(ModelRef.parse("churn@production")).version()).isEqualTo(1);
    assertThat(store.environments().history("production", 10).stream().map(EnvironmentEvent::text)
        .collect(Collectors.joining("\n"))).contains("rolled back from v2 to v1 by monitor rule input-drift");

    await("the webhook", Duration.ofSeconds(10), () -> !hooks.isEmpty());
    receiver.stop(0);
    assertThat(hooks).hasSize(1);
    assertThat(Signature.verify(hooks.get(0), SECRET, signatures.get(0))).isTrue();
    JsonNode hook = new ObjectMapper().readTree(hooks.get(0));
    assertThat(hook.get("rule").asText()).isEqualTo("input-drift");
    assertThat(hook.get("alert").asLong()).isEqualTo(alerts.get(0).id());

    Optional<RunQueue.Request> retrain = store.runQueue().waiting("test");
    assertThat(retrain).isPresent();
    assertThat(retrain.get().trigger()).isEqualTo("monitor:input-drift");
    TestProject.Result watch = project.kiln("watch", "--once");
    assertThat(watch.exit()).as(watch.toString()).isZero();
    assertThat(store.runQueue().waiting("test")).as("kiln watch started the requested run").isEmpty();
    TestProject.Result runs = project.kiln("runs", "--json");
    assertThat(runs.out()).as(runs.toString()).contains("monitor:input-drift");
    await("every action recorded", Duration.ofSeconds(10), () -> store.alerts().list(Optional.empty(), began).get(0)
        .actions().size() == 4);
    assertThat(store.alerts().list(Optional.empty(), began).get(0).actions())
        .extracting(Alert.ActionResult::action, Alert.ActionResult::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("log", "ok"),
            org.assertj.core.groups.Tuple.tuple("webhook", "ok"), org.assertj.core.groups.Tuple.tuple("rollback", "ok"),
            org.assertj.core.groups.Tuple.tuple("retrain", "ok"));
  }

  /**
   * Live accuracy from late labels reaches the rules: 150 answered telco rows, their true labels
   * posted to /feedback, accuracy windows of 1 s; the rule (accuracy under 0.99 on at least 50
   * labels) fires on the monitor window that carries them.
   */
  @Test
  void liveAccuracyUnderItsBoundRaisesTheAccuracyRuleOnceEnoughLabelsArrived() throws Exception {
    project.pipeline("monitor:\n  environment: accuracy\n  window: 1s\n  rules:\n"
        + "    - {name: live-accuracy, accuracy: {accuracy: \"< 0.99\", min-labels: 50}, actions: [log]}\n"
        + "stages:\n  noop: {run: 'true'}\n");
    MonitorConfig config = MonitorSection.of(new PipelineParser(StepRegistry.load()).load(dir)).orElseThrow();
    Clock clock = Clock.systemUTC();
    Deployer deployer = new Deployer(store.environments(), store.registry(), clock);
    deployer.deploy(new DeployRequest("accuracy", "churn", 2, StrategyOptions.of("replace").toStrategy(), "tester",
        "test", Optional.empty(), false));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Gateway gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0)
        .withFeedback(dev.kiln.serve.feedback.FeedbackOptions.DEFAULT.withWindow(Duration.ofSeconds(1))), log::add);
    CheckedOutBundles bundles = new CheckedOutBundles(new ModelCheckout(new ArtifactStore(dir.resolve(".kiln/objects")),
        dir.resolve(".kiln")), dir.resolve(".kiln/bundles"), "test");
    new DeploymentFollower(store.environments(), store.registry(), "churn", "accuracy", bundles, gateway, log::add)
        .check();
    EnvironmentMonitor monitor = EnvironmentMonitor.start(gateway, "churn", config, new Monitor.Services(store.alerts(),
        deployer, store.environments(), store.runQueue(), "test", k -> null, log::add, clock), store.monitorWindows(),
        clock);
    Instant began = clock.instant();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try {
      Random r = new Random(44);
      StringBuilder labels = new StringBuilder("{\"labels\": [");
      for (int i = 0; i < 150; i++) {
        String[] row = heldOut.get(r.nextInt(heldOut.size()));
        StringBuilder sb = new StringBuilder("{\"dataframe_records\": [{");
        for (int c = 1; c < header.size(); c++) {
          sb.append(c == 1 ? "" : ", ").append('"').append(header.get(c)).append("\": ").append(row[c]);
        }
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/invocations"))
            .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                sb.append("}]}").toString())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        labels.append(i == 0 ? "" : ", ").append("{\"id\": \"").append(answer.headers().firstValue("X-Request-Id")
            .orElseThrow()).append("\", \"label\": ").append(row[0]).append('}');
      }
      var receipt = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url() + "/feedback"))
          .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              labels.append("]}").toString())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(receipt.body()).contains("\"accepted\":150");
      await("the accuracy alert", Duration.ofSeconds(20), () -> !store.alerts().list(Optional.of("accuracy"), began)
          .isEmpty());
    } finally {
      monitor.close();
      gateway.close();
    }
    Alert a = store.alerts().list(Optional.of("accuracy"), began).get(0);
    assertThat(a.rule()).isEqualTo("live-accuracy");
    assertThat(a.summary()).as(String.join("\n", log)).matches("live-accuracy on v2: accuracy 0\\.\\d+ < 0\\.99 over "
        + "\\d+ labels");
    assertThat(store.monitorWindows().since("accuracy", began)).as("the labels of one POST, in one window or split at a second's boundary")
        .anySatisfy(w -> assertThat(w.labels()).isGreaterThanOrEqualTo(75));
  }
}
