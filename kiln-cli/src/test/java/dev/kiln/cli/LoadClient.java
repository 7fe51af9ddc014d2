package dev.kiln.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A load client for gateway tests: sends single-row MLflow requests from several threads and
 * counts every response by status and by the version that answered (its X-Kiln-Model-Version
 * header), so a test can say that no request failed and how traffic was split.
 */
final class LoadClient implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String url;
  private final List<String> bodies;
  private final Map<String, LongAdder> byVersion = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final LongAdder failures = new LongAdder();
  private final AtomicLong next = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private ExecutorService pool;

  LoadClient(String gatewayUrl, List<String> bodies) {
    this.url = gatewayUrl + "/invocations";
    this.bodies = bodies;
  }

  /** Sends {@code n} requests from one thread, in order. */
  void send(int n) {
    for (int i = 0; i < n; i++) {
      one();
    }
  }

  /** Keeps {@code threads} threads sending until {@link #stop}. */
  void start(int threads) {
    running.set(true);
    pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.submit(() -> {
        while (running.get()) {
          one();
        }
      });
    }
  }

  void stop() throws InterruptedException {
    running.set(false);
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.SECONDS);
  }

  private void one() {
    String body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      byStatus.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
      if (r.statusCode() != 200) {
        failures.increment();
      }
      byVersion.computeIfAbsent(r.headers().firstValue("X-Kiln-Model-Version").orElse("?"), k -> new LongAdder())
          .increment();
    } catch (Exception e) {
      failures.increment();
      byStatus.computeIfAbsent(-1, k -> new LongAdder()).increment();
    }
  }

  long failures() {
    return failures.sum();
  }

  long answeredBy(int version) {
    LongAdder a = byVersion.get(Integer.toString(version));
    return a == null ? 0 : a.sum();
  }

  long total() {
    return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
  }

  void reset() {
    byVersion.clear();
    byStatus.clear();
    failures.reset();
  }

  @Override
  public String toString() {
    return "statuses " + byStatus + ", versions " + byVersion;
  }

  @Override
  public void close() throws InterruptedException {
    if (pool != null) {
      stop();
    }
  }
}
