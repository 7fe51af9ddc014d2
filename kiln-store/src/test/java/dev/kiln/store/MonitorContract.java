package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.release.monitor.Alert;
import dev.kiln.release.monitor.FeatureDrift;
import dev.kiln.release.monitor.MonitorWindow;
import dev.kiln.release.monitor.PredictionDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor windows and alerts contract; runs against SQLite and PostgreSQL (subclasses). */
abstract class MonitorContract {
  static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir
  Path dir;
  String url;
  MetadataStore store;

  abstract String url(Path dir);

  @BeforeEach
  void open() {
    url = url(dir);
    store = MetadataStore.open(url, dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static MonitorWindow window(String env, String version, Instant end, boolean drifted, long labels,
      Map<String, Double> accuracy) {
    List<FeatureDrift> features = List.of(
        new FeatureDrift("tenure", "wasserstein", drifted ? 0.31 : 0.02, 0.1, drifted, drifted ? 0.42 : 0.01, 500),
        new FeatureDrift("contract", "jensenshannon", 0.05, 0.1, false, Double.NaN, 500),
        new FeatureDrift("monthly_charges", "ks", 0.003, 0.05, true, Double.POSITIVE_INFINITY, 500));
    return new MonitorWindow(env, "churn", version, end.minus(Duration.ofMinutes(5)), end, 500, 3, 1.25, 7.5,
        features, Optional.of(new FeatureDrift("prediction", "psi", 0.12, 0.25, false, 0.12, 500)), labels, accuracy,
        Optional.of(PredictionDistribution.of(List.of("<= 0.1", "(0.1, 0.5]", "> 0.5"), new long[] {400, 350, 250},
            new long[] {drifted ? 90 : 210, 180, drifted ? 230 : 110})));
  }

  @Test
  void aWindowRoundTripsWithEveryFeaturesDriftInOrderThePredictionDriftItsDistributionAndItsLiveAccuracy() {
    MonitorWindow w = window("production", "3", T0, true, 120, Map.of("accuracy", 0.81, "auc", Double.NaN));
    store.monitorWindows().record(w);
    List<MonitorWindow> read = store.monitorWindows().since("production", T0.minusSeconds(1));
    assertThat(read).singleElement().satisfies(r -> {
      assertThat(r).usingRecursiveComparison().ignoringFields("features", "accuracy").isEqualTo(w);
      assertThat(r.features()).extracting(FeatureDrift::feature).containsExactly("tenure", "contract", "monthly_charges");
      assertThat(r.features()).containsExactlyElementsOf(w.features());
      assertThat(r.features().get(1).psi()).as("NaN stays NaN").isNaN();
      assertThat(r.features().get(2).psi()).as("infinity stays infinity").isInfinite();
      assertThat(r.prediction()).contains(w.prediction().orElseThrow());
      assertThat(r.distribution()).contains(w.distribution().orElseThrow());
      assertThat(r.distribution().orElseThrow().bins()).containsExactly("<= 0.1", "(0.1, 0.5]", "> 0.5");
      assertThat(r.distribution().orElseThrow().current()).containsExactly(90L, 180L, 230L);
      assertThat(r.labels()).isEqualTo(120);
      assertThat(r.accuracy()).containsEntry("accuracy", 0.81).containsKey("auc");
      assertThat(r.accuracy().get("auc")).isNaN();
      assertThat(r.driftedShare()).isEqualTo(2.0 / 3);
    });
  }

  @Test
  void aWindowWithoutReferenceProfileOrLabelsReadsBackEmpty() {
    MonitorWindow w = new MonitorWindow("staging", "churn", "1", T0.minusSeconds(60), T0, 0, 0, Double.NaN, Double.NaN,
        List.of(), Optional.empty(), 0, Map.of());
    store.monitorWindows().record(w);
    MonitorWindow r = store.monitorWindows().since("staging", T0).get(0);
    assertThat(r.features()).isEmpty();
    assertThat(r.prediction()).isEmpty();
    assertThat(r.distribution()).isEmpty();
    assertThat(r.accuracy()).isEmpty();
    assertThat(r.latencyP50Ms()).isNaN();
    assertThat(r.errorRate()).isZero();
  }

  @Test
  void windowsAreReadPerEnvironmentFromTheirEndTimeOldestFirst() {
    for (int i = 0; i < 6; i++) {
      store.monitorWindows().record(window("production", "3", T0.plus(Duration.ofMinutes(5L * (5 - i))), false, 0, Map.of()));
    }
    store.monitorWindows().record(window("staging", "4", T0.plus(Duration.ofMinutes(50)), false, 0, Map.of()));
    List<MonitorWindow> read = store.monitorWindows().since("production", T0.plus(Duration.ofMinutes(10)));
    assertThat(read).extracting(MonitorWindow::end).containsExactly(T0.plus(Duration.ofMinutes(10)),
        T0.plus(Duration.ofMinutes(15)), T0.plus(Duration.ofMinutes(20)), T0.plus(Duration.ofMinutes(25)));
    assertThat(store.monitorWindows().since("nowhere", T0)).isEmpty();
    assertThat(store.monitorWindows().any("staging")).isTrue();
    assertThat(store.monitorWindows().any("nowhere")).isFalse();
  }

  @Test
  void anAlertRoundTripsWithItsEvidenceAndEveryActionInTheOrderRecorded() {
    long id = store.alerts().raise("production", "input-drift", "churn", "3", T0,
        "input-drift: 4 of 9 features drifted (44% >= 30%) for 2 windows", "{\"windows\":[1,2]}");
    store.alerts().action(id, "webhook", "failed", "HTTP 503 from http://127.0.0.1:9000/hook, retrying", T0.plusSeconds(1));
    store.alerts().action(id, "webhook", "ok", "HTTP 200 after 2 attempts", T0.plusSeconds(3));
    store.alerts().action(id, "rollback", "ok", "production back on churn v2", T0.plusSeconds(4));
    Alert a = store.alerts().list(Optional.of("production"), T0).get(0);
    assertThat(a.id()).isEqualTo(id);
    assertThat(a).usingRecursiveComparison().ignoringFields("actions").isEqualTo(new Alert(id, "production",
        "input-drift", "churn", "3", T0, "input-drift: 4 of 9 features drifted (44% >= 30%) for 2 windows",
        "{\"windows\":[1,2]}", List.of()));
    assertThat(a.actions()).containsExactly(
        new Alert.ActionResult("webhook", "failed", "HTTP 503 from http://127.0.0.1:9000/hook, retrying", T0.plusSeconds(1)),
        new Alert.ActionResult("webhook", "ok", "HTTP 200 after 2 attempts", T0.plusSeconds(3)),
        new Alert.ActionResult("rollback", "ok", "production back on churn v2", T0.plusSeconds(4)));
  }

  @Test
  void alertsAreListedNewestFirstFromTheGivenTimeForOneEnvironmentOrAll() {
    store.alerts().raise("production", "latency", "churn", "3", T0, "old", "{}");
    long b = store.alerts().raise("staging", "latency", "churn", "4", T0.plusSeconds(60), "b", "{}");
    long c = store.alerts().raise("production", "errors", "churn", "3", T0.plusSeconds(120), "c", "{}");
    assertThat(store.alerts().list(Optional.empty(), T0.plusSeconds(1))).extracting(Alert::id).containsExactly(c, b);
    assertThat(store.alerts().list(Optional.of("production"), T0.plusSeconds(1))).extracting(Alert::id).containsExactly(c);
    assertThat(store.alerts().list(Optional.of("production"), T0.plusSeconds(1)).get(0).actions()).isEmpty();
  }

  @Test
  void anActionOfAnUnknownAlertIsRefusedAndNamesTheAlert() {
    assertThatThrownBy(() -> store.alerts().action(42, "log", "ok", "", T0))
        .isInstanceOf(StoreException.class).hasMessageContaining("no alert 42");
  }

  @Test
  void concurrentWritersFromSeparateConnectionsLoseNoWindowAlertOrAction() throws Exception {
    int writers = 6;
    int each = 15;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch go = new CountDownLatch(1);
    List<MetadataStore> stores = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      stores.add(MetadataStore.open(url, dir));
    }
    for (int i = 0; i < writers; i++) {
      MetadataStore s = stores.get(i);
      String version = Integer.toString(i);
      pool.submit(() -> {
        go.await();
        for (int k = 0; k < each; k++) {
          Instant at = T0.plusSeconds(k);
          s.monitorWindows().record(window("production", version, at, k % 2 == 0, k, Map.of("accuracy", k / 100.0)));
          long id = s.alerts().raise("production", "rule-" + version, "churn", version, at, "alert " + k, "{}");
          s.alerts().action(id, "log", "ok", "logged", at);
          s.alerts().action(id, "webhook", "ok", "HTTP 200", at);
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
    stores.forEach(MetadataStore::close);
    List<MonitorWindow> windows = store.monitorWindows().since("production", T0);
    assertThat(windows).hasSize(writers * each);
    assertThat(windows).allSatisfy(w -> {
      assertThat(w.features()).hasSize(3);
      assertThat(w.prediction()).isPresent();
      assertThat(w.distribution()).isPresent();
    });
    List<Alert> alerts = store.alerts().list(Optional.of("production"), T0);
    assertThat(alerts).hasSize(writers * each);
    assertThat(alerts).allSatisfy(a -> assertThat(a.actions()).extracting(Alert.ActionResult::action)
        .containsExactly("log", "webhook"));
  }
}
