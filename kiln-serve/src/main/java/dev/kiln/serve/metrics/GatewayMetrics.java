package dev.kiln.serve.metrics;

import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Prometheus metrics (Micrometer): per model, version and endpoint the requests
 * and errors by status ({@code kiln_requests_total}, {@code kiln_request_errors_total}), a
 * latency histogram ({@code kiln_request_duration_seconds}), payload sizes and rows per request;
 * per version the prediction distribution (decided classes, and the positive class's
 * probability or the predicted number); swaps and refused loads; and the JVM's figures.
 * Endpoints are route templates and unknown paths are one {@code other} endpoint, so no client
 * can create series at will; a request no version answered has empty model and version tags.
 */
public final class GatewayMetrics {
  private static final double[] PROBABILITY_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<Key, Meters> meters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> simple = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Outcomes> outcomes = new ConcurrentHashMap<>();
  private final LiveWindows windows = new LiveWindows();
  private final LiveWindows monitorWindows = new LiveWindows();
  private final ConcurrentHashMap<String, double[]> drift = new ConcurrentHashMap<>();

  private record Key(String model, String version, String endpoint, int status) {}

  /** The meters of one model version, endpoint and status. */
  private record Meters(Counter requests, Counter errors, Timer latency, DistributionSummary in,
      DistributionSummary out) {}

  public GatewayMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** One answered request. */
  public void request(String model, String version, String endpoint, int status, long nanos, long bytesIn,
      long bytesOut) {
    Meters m = meters.computeIfAbsent(new Key(model, version, endpoint, status), this::create);
    windows.request(model, version, status, nanos);
    monitorWindows.request(model, version, status, nanos);
    m.requests().increment();
    if (status >= 400) {
      m.errors().increment();
    }
    m.latency().record(nanos, TimeUnit.NANOSECONDS);
    m.in().record(bytesIn);
    m.out().record(bytesOut);
  }

  private Meters create(Key k) {
    String[] tags = {"model", k.model(), "version", k.version(), "endpoint", k.endpoint()};
    String status = Integer.toString(k.status());
    return new Meters(
        Counter.builder("kiln.requests").description("Requests answered").tags(tags).tag("status", status)
            .register(registry),
        Counter.builder("kiln.request.errors").description("Requests answered with a 4xx or 5xx status").tags(tags)
            .tag("status", status).register(registry),
        Timer.builder("kiln.request.duration").description("Time from the request's arrival to its answer")
            .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
            .maximumExpectedValue(Duration.ofSeconds(10)).register(registry),
        DistributionSummary.builder("kiln.request.size").baseUnit("bytes").description("Request body sizes")
            .tags(tags).publishPercentileHistogram().register(registry),
        DistributionSummary.builder("kiln.response.size").baseUnit("bytes").description("Response body sizes")
            .tags(tags).publishPercentileHistogram().register(registry));
  }

  /** What a version predicted for one request's rows. */
  public void predictions(String model, int version, Task task, Predictions p, double threshold) {
    outcomes.computeIfAbsent(model + ":" + version, k -> new Outcomes(registry, model, Integer.toString(version)))
        .record(task, p, threshold);
    windows.predictions(model, version, task, p, threshold);
    monitorWindows.predictions(model, version, task, p, threshold);
  }

  /** A shadow answered a copy: how many of its rows agreed with the primary's answer. */
  public void agreement(String model, int version, int agreed, int rows, double scoreDeltas) {
    windows.agreement(model, version, agreed, rows, scoreDeltas);
    counter("kiln.shadow.rows", "Rows a shadow answered, by agreement with the primary", model, version, "agreed")
        .increment(agreed);
    counter("kiln.shadow.rows", "Rows a shadow answered, by agreement with the primary", model, version, "differed")
        .increment(rows - agreed);
  }

  /** A copy for a shadow was dropped: its queue was full. */
  public void shadowDropped(String model, int version) {
    counter("kiln.shadow.dropped", "Copies for a shadow dropped because its queue was full", model, version, "")
        .increment();
  }

  private Counter counter(String name, String description, String model, int version, String outcome) {
    return simple.computeIfAbsent(name + "/" + model + "/" + version + "/" + outcome, k -> {
      Counter.Builder b = Counter.builder(name).description(description).tag("model", model)
          .tag("version", Integer.toString(version));
      return (outcome.isEmpty() ? b : b.tag("outcome", outcome)).register(registry);
    });
  }

  /** Each version's figures over the current analysis window. */
  public LiveWindows windows() {
    return windows;
  }

  /**
   * Each version's figures over the current monitor window: the same counts as {@link #windows},
   * taken by the monitor on its own schedule so neither takes the other's window.
   */
  public LiveWindows monitorWindows() {
    return monitorWindows;
  }

  /** A version went live ({@code outcome} "swapped") or was refused ("refused"). */
  public void load(String model, String outcome) {
    simple.computeIfAbsent(model + "/" + outcome, k -> Counter.builder("kiln.model.loads")
        .description("Versions loaded and swapped in, or refused").tag("model", model).tag("outcome", outcome)
        .register(registry)).increment();
  }

  /**
   * One feature's drift in the last closed window: {@code kiln_feature_drift_statistic} (the test's
   * score: p-value or distance), {@code kiln_feature_drifted} (1 or 0) and {@code kiln_feature_psi},
   * tagged model, version, feature and test; {@code feature} empty for the predictions, whose
   * gauges are {@code kiln_prediction_drift_statistic}, {@code kiln_prediction_drifted} and
   * {@code kiln_prediction_psi}. Series are bounded by the versions served and their features.
   */
  public void drift(String model, int version, String feature, String test, double statistic, boolean drifted,
      double psi) {
    boolean prediction = feature.isEmpty();
    String key = model + "/" + version + "/" + feature + "/" + test;
    double[] holder = drift.computeIfAbsent(key, k -> {
      double[] h = new double[3];
      String prefix = prediction ? "kiln.prediction" : "kiln.feature";
      gauge(prefix + ".drift.statistic", "The drift test's score in the last closed window (p-value or distance)",
          h, 0, model, version, feature, test);
      gauge(prefix + ".drifted", "1 when the last closed window drifted by its test, else 0", h, 1, model, version,
          feature, test);
      gauge(prefix + ".psi", "Population stability index of the last closed window against the reference", h, 2,
          model, version, feature, test);
      return h;
    });
    holder[0] = statistic;
    holder[1] = drifted ? 1 : 0;
    holder[2] = psi;
  }

  /** Removes a version's drift gauges once it no longer serves. */
  public void forgetDrift(String model, int version) {
    String prefix = model + "/" + version + "/";
    drift.keySet().removeIf(k -> k.startsWith(prefix));
    for (String name : java.util.List.of("kiln.feature.drift.statistic", "kiln.feature.drifted", "kiln.feature.psi",
        "kiln.prediction.drift.statistic", "kiln.prediction.drifted", "kiln.prediction.psi")) {
      registry.find(name).tag("model", model).tag("version", Integer.toString(version)).meters()
          .forEach(registry::remove);
    }
  }

  private void gauge(String name, String description, double[] holder, int slot, String model, int version,
      String feature, String test) {
    io.micrometer.core.instrument.Gauge.Builder<double[]> b = io.micrometer.core.instrument.Gauge
        .builder(name, holder, h -> h[slot]).description(description).tag("model", model)
        .tag("version", Integer.toString(version)).tag("test", test);
    (feature.isEmpty() ? b : b.tag("feature", feature)).register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }

  static double[] probabilityBuckets() {
    return PROBABILITY_BUCKETS.clone();
  }
}
