package dev.kiln.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.route.LoadRefusedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New versions are swapped in under load without a single failed request; a version that fails
 * verification or loading is refused and the serving one goes on serving.
 */
class SwapTest {
  private static final String ROW = "{\"dataframe_split\": {\"columns\": [\"age\", \"income\", \"debt_ratio\", "
      + "\"accounts\"], \"data\": [[41, 52.5, 0.3, 4]]}}";

  @TempDir
  Path dir;

  @ParameterizedTest(name = "batching {0}")
  @ValueSource(booleans = {false, true})
  void swapsUnderConcurrentLoadFailNoRequest(boolean batching) throws Exception {
    GatewayOptions o = GatewayOptions.defaults("127.0.0.1", 0).withBatching(batching ? Batching.on() : Batching.OFF);
    try (Gateway g = Gateway.start(o, m -> { })) {
      g.deploy(TestBundles.xgboost(dir, "credit", 1));
      Path corrupt = corrupted(TestBundles.xgboost(dir, "credit", 99));
      int clients = 8;
      int atLeast = 250;
      java.util.concurrent.atomic.AtomicBoolean swapped = new java.util.concurrent.atomic.AtomicBoolean();
      Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      CountDownLatch started = new CountDownLatch(clients);
      List<Future<?>> load = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        load.add(pool.submit(() -> client(g.url(), atLeast, swapped, started, byVersion, failures)));
      }
      started.await();
      for (int v = 2; v <= 6; v++) {
        g.deploy(TestBundles.xgboost(dir, "credit", v));
        assertThatThrownBy(() -> g.deploy(corrupt)).isInstanceOf(LoadRefusedException.class);
        Thread.sleep(20);
      }
      swapped.set(true);
      for (Future<?> f : load) {
        f.get();
      }
      pool.shutdown();
      assertThat(failures).isEmpty();
      assertThat(byVersion.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThanOrEqualTo(clients * atLeast);
      assertThat(byVersion).doesNotContainKeys("99", "?").containsKeys("1", "6");
      assertThat(g.serving("credit").orElseThrow().version()).isEqualTo(6);
    }
  }

  /**
   * Sends the row again and again: at least {@code n} times, and until the swaps are done; counts
   * {@code started} down once its first answer is in, so every client has seen the first version.
   */
  private static void client(String url, int n, java.util.concurrent.atomic.AtomicBoolean swapped,
      CountDownLatch started, Map<String, AtomicInteger> byVersion, List<String> failures) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/invocations")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ROW)).build();
    for (int i = 0; i < n || !swapped.get(); i++) {
      try {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().startsWith("{\"predictions\":[")) {
          failures.add(r.statusCode() + " " + r.body());
        }
        byVersion.computeIfAbsent(r.headers().firstValue("X-Kiln-Model-Version").orElse("?"), k -> new AtomicInteger())
            .incrementAndGet();
      } catch (Exception e) {
        failures.add(e.toString());
      }
      if (i == 0) {
        started.countDown();
      }
    }
  }

  private static Path corrupted(Path bundle) throws Exception {
    Path model = bundle.resolve("model/model.json");
    String json = Files.readString(model);
    Files.writeString(model, json.replaceFirst("\"1\"", "\"2\""));
    return bundle;
  }

  @Test
  void aCorruptedBundleIsRefusedNamingTheFileAndTheServingVersionGoesOn() throws Exception {
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), m -> { })) {
      g.deploy(TestBundles.xgboost(dir, "credit", 1));
      Path bad = corrupted(TestBundles.xgboost(dir, "credit", 2));
      assertThatThrownBy(() -> g.deploy(bad)).isInstanceOf(LoadRefusedException.class)
          .hasMessageContaining("model/model.json was changed").hasMessageContaining("nothing was loaded");
      Http.Reply r = new Http(g.url()).json("/invocations", ROW);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("X-Kiln-Model-Version")).isEqualTo("1");
      assertThat(new Http(g.url()).get("/metrics").body())
          .contains("kiln_model_loads_total{model=\"credit\",outcome=\"refused\"} 1.0");
    }
  }

  @Test
  void aTamperedBundleWhoseInfoNamesNoModelIsRefusedByTheFileNotByACrash() throws Exception {
    Path bad = dir.resolve("nameless");
    java.nio.file.Files.createDirectories(bad.resolve("model"));
    java.nio.file.Files.writeString(bad.resolve("model/model.json"), "{}");
    java.nio.file.Files.writeString(bad.resolve("bundle.json"), "{\"format\": 1}");
    java.nio.file.Files.writeString(bad.resolve("MANIFEST.sha256"), "0".repeat(64) + "  model/model.json\n");
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), m -> { })) {
      assertThatThrownBy(() -> g.deploy(bad)).isInstanceOf(LoadRefusedException.class)
          .hasMessageContaining("model/model.json was changed");
    }
  }

  @Test
  void aBundleWhoseModelDoesNotLoadIsRefusedAndTheServingVersionGoesOn() throws Exception {
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), m -> { })) {
      g.deploy(TestBundles.xgboost(dir, "credit", 1));
      Path bad = TestBundles.xgboost(dir, "credit", 2);
      Files.writeString(bad.resolve("model/model.json"), "{\"not\": \"a model\"}");
      dev.kiln.release.bundle.BundleManifest.write(bad);
      assertThatThrownBy(() -> g.deploy(bad)).isInstanceOf(LoadRefusedException.class)
          .hasMessageContaining("credit:2").hasMessageContaining("does not load");
      assertThat(new Http(g.url()).json("/invocations", ROW).header("X-Kiln-Model-Version")).isEqualTo("1");
    }
  }

  @Test
  void aSwappedOutVersionClosesOnlyAfterItsLastRequest() throws Exception {
    try (Gateway g = Gateway.start(GatewayOptions.defaults("127.0.0.1", 0), m -> { })) {
      var v1 = g.deploy(TestBundles.xgboost(dir, "credit", 1));
      try (var lease = g.router().lease("credit", java.util.OptionalInt.empty(), 0)) {
        g.deploy(TestBundles.xgboost(dir, "credit", 2));
        var p = lease.version().predict(dev.kiln.model.features.Columns.of(Map.of("age", new double[] {40},
            "income", new double[] {50}, "debt_ratio", new double[] {0.2}, "accounts", new double[] {3}), Map.of()));
        assertThat(p.rows()).isEqualTo(1);
        assertThat(lease.version()).isSameAs(v1);
      }
      assertThat(g.router().lease("credit", java.util.OptionalInt.empty(), 0).version().version()).isEqualTo(2);
    }
  }
}
