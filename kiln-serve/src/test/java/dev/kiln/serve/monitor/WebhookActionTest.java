package dev.kiln.serve.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookActionTest {
  private static final String SECRET = "s3cr3t-for-the-test";
  private final Webhooks webhooks = new Webhooks();
  private final Alarm alarm = new Alarm(7, "production", "churn", "2", "input-drift",
      Instant.parse("2026-12-06T12:00:00Z"), "input-drift on v2: 4 of 10 features drifted", "{\"rule\":\"input-drift\"}");

  @AfterEach
  void close() {
    webhooks.close();
  }

  private static ActionSpec.Webhook hook(Receiver r, Optional<String> secretEnv, Duration timeout, int retries,
      Duration backoff) {
    return new ActionSpec.Webhook(r.url(), secretEnv, timeout, retries, backoff);
  }

  /** Runs the action and returns its report once the delivery ended. */
  private String[] deliver(ActionSpec.Webhook hook, Map<String, String> env) throws Exception {
    CompletableFuture<String[]> report = new CompletableFuture<>();
    new WebhookAction(hook, webhooks, env::get).run(alarm, (s, d) -> report.complete(new String[] {s, d}));
    return report.get(20, TimeUnit.SECONDS);
  }

  @Test
  void theAlertArrivesAsJsonWithAnHmacSha256SignatureOfTheRawBody() throws Exception {
    try (Receiver r = new Receiver(n -> 204, 0)) {
      String[] report = deliver(hook(r, Optional.of("HOOK_SECRET"), Duration.ofSeconds(5), 3, Duration.ofMillis(50)),
          Map.of("HOOK_SECRET", SECRET));
      assertThat(report[0]).isEqualTo("ok");
      assertThat(report[1]).isEqualTo("POST " + r.url() + ": HTTP 204");
      Receiver.Received got = r.received.get(0);
      assertThat(got.signature()).startsWith("sha256=").hasSize(7 + 64);
      assertThat(Signature.verify(got.body(), SECRET, got.signature())).isTrue();
      assertThat(Signature.verify(got.body(), "another secret", got.signature())).isFalse();
      assertThat(got.event()).isEqualTo("alert");
      JsonNode body = new ObjectMapper().readTree(got.body());
      assertThat(body.get("alert").asLong()).isEqualTo(7);
      assertThat(body.get("rule").asText()).isEqualTo("input-drift");
      assertThat(body.get("environment").asText()).isEqualTo("production");
      assertThat(body.get("summary").asText()).isEqualTo(alarm.summary());
      assertThat(body.get("evidence").get("rule").asText()).isEqualTo("input-drift");
    }
  }

  @Test
  void aServerErrorIsRetriedWithABackoffThatDoublesUntilItIsDelivered() throws Exception {
    try (Receiver r = new Receiver(n -> n < 3 ? 500 : 200, 0)) {
      String[] report = deliver(hook(r, Optional.empty(), Duration.ofSeconds(5), 3, Duration.ofMillis(200)), Map.of());
      assertThat(report[0]).isEqualTo("ok");
      assertThat(report[1]).contains("HTTP 200 after 3 attempts").contains("(unsigned)");
      assertThat(r.received).hasSize(3);
      long first = r.received.get(1).nanos() - r.received.get(0).nanos();
      long second = r.received.get(2).nanos() - r.received.get(1).nanos();
      assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
      assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
    }
  }

  @Test
  void aDeliveryThatKeepsFailingIsGivenUpAfterItsRetries() throws Exception {
    try (Receiver r = new Receiver(n -> 503, 0)) {
      String[] report = deliver(hook(r, Optional.empty(), Duration.ofSeconds(5), 2, Duration.ofMillis(10)), Map.of());
      assertThat(report).containsExactly("failed", "POST " + r.url() + ": HTTP 503 after 3 attempts (unsigned)");
    }
  }

  @Test
  void aClientErrorIsNotRetried() throws Exception {
    try (Receiver r = new Receiver(n -> 404, 0)) {
      String[] report = deliver(hook(r, Optional.empty(), Duration.ofSeconds(5), 3, Duration.ofMillis(10)), Map.of());
      assertThat(report[0]).isEqualTo("failed");
      assertThat(r.received).hasSize(1);
    }
  }

  @Test
  void aSlowReceiverNeverHoldsUpTheCallerAndTimesOut() throws Exception {
    try (Receiver r = new Receiver(n -> 200, 3000)) {
      CompletableFuture<String[]> report = new CompletableFuture<>();
      long start = System.nanoTime();
      new WebhookAction(hook(r, Optional.empty(), Duration.ofMillis(300), 0, Duration.ofMillis(10)), webhooks,
          k -> null).run(alarm, (s, d) -> report.complete(new String[] {s, d}));
      long returnedAfter = System.nanoTime() - start;
      assertThat(Duration.ofNanos(returnedAfter)).isLessThan(Duration.ofMillis(250));
      assertThat(report).isNotDone();
      String[] got = report.get(10, TimeUnit.SECONDS);
      assertThat(got).containsExactly("failed", "POST " + r.url() + ": no answer within 300ms (unsigned)");
    }
  }

  @Test
  void aSecretVariableThatIsNotSetFailsTheActionInsteadOfSendingItUnsigned() throws Exception {
    try (Receiver r = new Receiver(n -> 200, 0)) {
      String[] report = deliver(hook(r, Optional.of("NOT_SET"), Duration.ofSeconds(1), 0, Duration.ofMillis(10)),
          Map.of());
      assertThat(report[0]).isEqualTo("failed");
      assertThat(report[1]).contains("the environment variable NOT_SET (secret-env) is not set");
      assertThat(r.received).isEmpty();
    }
  }
}
