package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.data.check.Suite;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.validate.Baseline;
import dev.kiln.data.validate.Validation;
import dev.kiln.data.validate.Validator;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.requestlog.RequestLogOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live drift over real HTTP: reference-like traffic, then traffic with income and grade shifted;
 * {@code GET /monitor}, the Prometheus gauges, and the same rows (from the request log) checked
 * by kiln validate against the same profile.
 */
class MonitorEndpointTest {
  private static final int WINDOW = 600;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Gateway gateway;
  private static Http http;
  private static Path dir;
  private static Path logDir;
  private static JsonNode monitor;

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    logDir = tmp.resolve("log");
    gateway = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0)
        .withDrift(new DriftOptions(true, Duration.ofHours(1), WINDOW, 10))
        .withRequestLog(RequestLogOptions.into(logDir).withSample(1.0)), m -> { });
    gateway.deploy(MonitorFixtures.bundle(tmp, "credit", 1, MonitorFixtures.rows(3000, 1, 0, false)));
    http = new Http(gateway.url());
    send(MonitorFixtures.rows(WINDOW, 2, 0, false));
    waitForClosedWindows(1);
    send(MonitorFixtures.rows(WINDOW, 3, 15, true));
    monitor = waitForClosedWindows(2);
    waitForLoggedRows(2 * WINDOW);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static void send(List<Map<String, Object>> rows) {
    for (int i = 0; i < rows.size(); i += 100) {
      Http.Reply r = http.json("/invocations", MonitorFixtures.records(rows.subList(i, i + 100)));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  private static final List<JsonNode> LAST = new ArrayList<>();

  private static JsonNode waitForClosedWindows(int n) throws InterruptedException {
    long end = System.nanoTime() + 10_000_000_000L;
    while (true) {
      JsonNode m = http.get("/monitor").json();
      JsonNode last = m.get("versions").get(0).get("last");
      if (!last.isNull() && (LAST.isEmpty() || !last.get("end").equals(LAST.get(LAST.size() - 1).get("end"))
          || !last.equals(LAST.get(LAST.size() - 1)))) {
        if (LAST.isEmpty() || !last.equals(LAST.get(LAST.size() - 1))) {
          LAST.add(last);
        }
      }
      if (LAST.size() >= n) {
        return m;
      }
      assertThat(System.nanoTime()).as("window " + n + " closed in time: " + m).isLessThan(end);
      Thread.sleep(20);
    }
  }

  private static void waitForLoggedRows(int n) throws Exception {
    long end = System.nanoTime() + 10_000_000_000L;
    while (lines().size() < n) {
      assertThat(System.nanoTime()).as("rows logged in time").isLessThan(end);
      Thread.sleep(20);
    }
  }

  private static List<String> lines() throws Exception {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(logDir)) {
      for (Path p : s.sorted().toList()) {
        out.addAll(Files.readAllLines(p));
      }
    }
    return out;
  }

  private static Map<String, JsonNode> features(JsonNode window) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    window.get("features").forEach(f -> out.put(f.get("feature").asText(), f));
    return out;
  }

  @Test
  void driftedTrafficFlagsTheDriftedFeaturesAndNotTheOthers() {
    Map<String, JsonNode> calm = features(LAST.get(0));
    Map<String, JsonNode> drifted = features(LAST.get(1));
    assertThat(calm.keySet()).containsExactly("age", "income", "grade");
    assertThat(calm.values()).allSatisfy(f -> assertThat(f.get("drifted").asBoolean()).as(f.toString()).isFalse());
    assertThat(drifted.get("income").get("drifted").asBoolean()).isTrue();
    assertThat(drifted.get("grade").get("drifted").asBoolean()).isTrue();
    assertThat(drifted.get("age").get("drifted").asBoolean()).as(drifted.get("age").toString()).isFalse();
    assertThat(drifted.get("income").get("rows").asLong()).isEqualTo(WINDOW);
    assertThat(drifted.get("income").get("psi").asDouble()).isGreaterThan(0.25);
    assertThat(LAST.get(1).get("rows").asLong()).isEqualTo(WINDOW);
    assertThat(monitor.get("versions").get(0).get("current").isNull()).as("no rows since the window closed").isTrue();
  }

  @Test
  void theLiveStatisticsEqualWhatKilnValidateComputesForTheSameRowsAgainstTheSameProfile() throws Exception {
    List<String> rows = lines().subList(WINDOW, 2 * WINDOW);
    Path logged = Files.write(dir.resolve("window-2.jsonl"), rows);
    Path profile = dir.resolve("credit-1").resolve("reference-profile.json");
    Validation v = new Validator(dir).validate(logged.toString(), Suite.empty("(none)"),
        Optional.of(new Baseline.SavedProfile(profile)));
    Map<String, DriftResult> offline = new LinkedHashMap<>();
    v.drift().orElseThrow().columns().forEach(r -> offline.put(r.column(), r));
    assertThat(offline.keySet()).containsExactlyInAnyOrder("age", "income", "grade");
    features(LAST.get(1)).forEach((name, live) -> {
      DriftResult r = offline.get(name);
      assertThat(live.get("test").asText()).as(name).isEqualTo(r.test().label());
      assertThat(live.get("statistic").asDouble()).as(name).isCloseTo(r.score(), within(1e-9));
      assertThat(live.get("threshold").asDouble()).as(name).isEqualTo(r.threshold());
      assertThat(live.get("drifted").asBoolean()).as(name).isEqualTo(r.drifted());
    });
    // the predictions against the label's reference: the decided classes under the label's name
    StringBuilder csv = new StringBuilder("label\n");
    for (String line : rows) {
      csv.append(JSON.readTree(line).get("kiln_prediction").asText()).append('\n');
    }
    Path predicted = Files.writeString(dir.resolve("predicted.csv"), csv.toString());
    DriftResult label = new Validator(dir).validate(predicted.toString(), Suite.empty("(none)"),
        Optional.of(new Baseline.SavedProfile(profile))).drift().orElseThrow().columns().get(0);
    JsonNode live = LAST.get(1).get("prediction");
    assertThat(live.get("feature").asText()).isEqualTo("label");
    assertThat(live.get("test").asText()).isEqualTo(label.test().label());
    assertThat(live.get("statistic").asDouble()).isCloseTo(label.score(), within(1e-9));
  }

  @Test
  void prometheusHasAStatisticAndADriftedGaugePerFeatureAndForThePredictions() {
    String metrics = http.get("/metrics").body();
    assertThat(metrics).containsPattern(
        "kiln_feature_drifted\\{feature=\"income\",model=\"credit\",test=\"wasserstein\",version=\"1\"} 1\\.0");
    assertThat(metrics).containsPattern(
        "kiln_feature_drifted\\{feature=\"age\",model=\"credit\",test=\"wasserstein\",version=\"1\"} 0\\.0");
    assertThat(metrics).containsPattern("kiln_feature_drift_statistic\\{feature=\"grade\",model=\"credit\","
        + "test=\"jensenshannon\",version=\"1\"} 0\\.[0-9]+");
    assertThat(metrics).contains("kiln_prediction_drifted{model=\"credit\"");
  }

  @Test
  void monitorNarrowsToAModelAndGivesJsonErrorsForBadPathsParametersAndMethods() {
    assertThat(http.get("/monitor?model=credit&version=1").json().get("versions")).hasSize(1);
    assertThat(http.get("/monitor?model=credit&version=2").json().get("versions")).isEmpty();
    Http.Reply unknown = http.get("/monitor?model=nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("message").asText()).contains("no model 'nope'");
    Http.Reply param = http.get("/monitor?window=5");
    assertThat(param.status()).isEqualTo(400);
    assertThat(param.json().get("message").asText()).contains("unknown parameter 'window'");
    Http.Reply version = http.get("/monitor?version=x");
    assertThat(version.status()).isEqualTo(400);
    assertThat(version.json().get("problem").asText()).isEqualTo("bad_parameter");
    Http.Reply path = http.get("/monitor/credit");
    assertThat(path.status()).isEqualTo(404);
    assertThat(path.json().get("problem").asText()).isEqualTo("not_found");
    Http.Reply post = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + "/monitor"))
        .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.json().get("problem").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void monitorStatesWhatAWindowCostsAndCountsTheLoggedRequests() {
    JsonNode v = monitor.get("versions").get(0);
    assertThat(v.get("sketch_bytes").asLong()).isPositive().isLessThan(100_000);
    assertThat(monitor.get("request_log").get("dropped").asLong()).isZero();
    assertThat(monitor.get("window").get("max_rows").asInt()).isEqualTo(WINDOW);
  }
}
