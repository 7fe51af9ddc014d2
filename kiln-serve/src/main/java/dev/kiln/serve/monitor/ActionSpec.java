package dev.kiln.serve.monitor;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** An action of a rule as kiln.yaml writes it. */
public sealed interface ActionSpec {
  String name();

  /** A line in the gateway's log. */
  record Log() implements ActionSpec {
    @Override
    public String name() {
      return "log";
    }
  }

  /**
   * A signed JSON POST of the alert: {@code X-Kiln-Signature: sha256=HEX} with the secret from
   * the environment variable {@code secretEnv} (unsigned without one), each attempt bounded by
   * {@code timeout}, retried {@code retries} times on a failure, waiting {@code backoff}, then
   * twice as long each time.
   */
  record Webhook(URI url, Optional<String> secretEnv, Duration timeout, int retries, Duration backoff)
      implements ActionSpec {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RETRIES = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    @Override
    public String name() {
      return "webhook";
    }
  }

  /** The environment back on the version it served before (or a rollout of the alerting candidate aborted). */
  record Rollback() implements ActionSpec {
    @Override
    public String name() {
      return "rollback";
    }
  }

  /** A run of the pipeline queued with the trigger {@code monitor:RULE}. */
  record Retrain() implements ActionSpec {
    @Override
    public String name() {
      return "retrain";
    }
  }
}
