package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.drift.DriftWindow;
import dev.kiln.serve.route.Deployment;
import dev.kiln.serve.route.ServedVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listeners get each closed window; a version swapped out is no longer watched, and its gauges go. */
class MonitorSwapTest {
  @Test
  void aSwappedOutVersionLeavesMonitorAndItsGaugesAndListenersHearEveryClosedWindow(@TempDir Path dir) throws Exception {
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0)
        .withDrift(new DriftOptions(true, Duration.ofHours(1), 100, 10)), m -> { })) {
      List<DriftWindow> heard = new CopyOnWriteArrayList<>();
      g.drift().orElseThrow().addListener(heard::add);
      List<java.util.Map<String, Object>> reference = MonitorFixtures.rows(2000, 1, 0, false);
      g.deploy(MonitorFixtures.bundle(dir, "credit", 1, reference));
      Http http = new Http(g.url());
      assertThat(http.json("/invocations", MonitorFixtures.records(MonitorFixtures.rows(100, 2, 0, false))).status())
          .isEqualTo(200);
      await(() -> heard.size() == 1);
      assertThat(heard.get(0).version()).isEqualTo(1);
      await(() -> http.get("/metrics").body().contains("kiln_feature_drifted{feature=\"age\",model=\"credit\""));
      g.deploy(MonitorFixtures.bundle(dir.resolve("v2"), "credit", 2, reference));
      assertThat(http.json("/invocations", MonitorFixtures.records(MonitorFixtures.rows(100, 3, 0, false))).status())
          .isEqualTo(200);
      await(() -> heard.size() == 2);
      assertThat(heard.get(1).version()).isEqualTo(2);
      assertThat(http.get("/monitor").json().get("versions")).extracting(v -> v.get("version").asInt())
          .containsExactly(2);
      String metrics = http.get("/metrics").body();
      assertThat(metrics).doesNotContainPattern("kiln_(feature|prediction)_(drift|psi)[a-z_]*\\{[^}]*version=\"1\"")
          .contains("kiln_feature_drifted{feature=\"age\",model=\"credit\",test=\"wasserstein\",version=\"2\"}")
          .contains("kiln_predictions_total{class=\"1\",model=\"credit\",version=\"1\"}");
    }
  }

  @Test
  void aShadowsTrafficIsWatchedAsItsOwnVersion(@TempDir Path dir) throws Exception {
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0)
        .withDrift(new DriftOptions(true, Duration.ofHours(1), 100, 10)), m -> { })) {
      List<DriftWindow> heard = new CopyOnWriteArrayList<>();
      g.drift().orElseThrow().addListener(heard::add);
      List<java.util.Map<String, Object>> reference = MonitorFixtures.rows(2000, 1, 0, false);
      ServedVersion v1 = g.deploy(MonitorFixtures.bundle(dir, "credit", 1, reference));
      ServedVersion v2 = g.load(MonitorFixtures.bundle(dir.resolve("v2"), "credit", 2, reference));
      g.route(new Deployment("credit", List.of(new Deployment.Route(v1, 100)),
          Optional.of(new Deployment.Mirror(v2, 100)), Optional.empty()));
      Http http = new Http(g.url());
      assertThat(http.json("/invocations", MonitorFixtures.records(MonitorFixtures.rows(100, 2, 15, true))).status())
          .isEqualTo(200);
      await(() -> heard.size() == 2);
      assertThat(heard).extracting(DriftWindow::version).containsExactlyInAnyOrder(1, 2);
      assertThat(heard).allSatisfy(w -> assertThat(w.drifted()).contains("income", "grade"));
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(end);
      Thread.sleep(20);
    }
  }
}
