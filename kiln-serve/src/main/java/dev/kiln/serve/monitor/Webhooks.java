package dev.kiln.serve.monitor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhook POSTs on threads of their own (two for the HTTP client, one timer for the
 * backoff), so neither a slow receiver nor retries ever hold up serving or the monitor. A
 * delivery is retried on a connection failure, a timeout, a 5xx or a 429, waiting the backoff
 * and then twice as long each time; any other answer ends it.
 */
public final class Webhooks implements AutoCloseable {
  private final ExecutorService io;
  private final ScheduledExecutorService timer;
  private final HttpClient client;

  /** What became of a delivery: delivered or not, after how many attempts, and the last answer. */
  public record Delivery(boolean delivered, int attempts, String last) {}

  public Webhooks() {
    AtomicInteger n = new AtomicInteger();
    io = Executors.newFixedThreadPool(2, r -> daemon(r, "kiln-webhook-" + n.incrementAndGet()));
    timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kiln-webhook-retries"));
    client = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** POSTs {@code body} with {@code headers}; the future completes once it is delivered or given up. */
  public CompletableFuture<Delivery> post(ActionSpec.Webhook hook, byte[] body, Map<String, String> headers) {
    CompletableFuture<Delivery> result = new CompletableFuture<>();
    attempt(hook, body, headers, 1, result);
    return result;
  }

  private void attempt(ActionSpec.Webhook hook, byte[] body, Map<String, String> headers, int n,
      CompletableFuture<Delivery> result) {
    HttpRequest.Builder b = HttpRequest.newBuilder(hook.url()).timeout(hook.timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
        .header("User-Agent", "kiln-monitor");
    headers.forEach(b::header);
    client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
      String last;
      boolean retry;
      if (failure == null) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          result.complete(new Delivery(true, n, "HTTP " + status));
          return;
        }
        last = "HTTP " + status;
        retry = status >= 500 || status == 429;
      } else {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        last = cause instanceof java.net.http.HttpTimeoutException ? "no answer within "
            + dev.kiln.core.config.Durations.format(hook.timeout()) : dev.kiln.core.Failures.describe(cause);
        retry = cause instanceof IOException;
      }
      if (!retry || n > hook.retries() || timer.isShutdown()) {
        result.complete(new Delivery(false, n, last));
        return;
      }
      long wait = hook.backoff().toMillis() << Math.min(20, n - 1);
      timer.schedule(() -> attempt(hook, body, headers, n + 1, result), wait, TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void close() {
    timer.shutdownNow();
    io.shutdownNow();
  }
}
