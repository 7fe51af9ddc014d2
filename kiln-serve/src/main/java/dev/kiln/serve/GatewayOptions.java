package dev.kiln.serve;

import dev.kiln.serve.batch.Batching;
import dev.kiln.serve.drift.DriftOptions;
import dev.kiln.serve.feedback.FeedbackOptions;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.requestlog.RequestLogOptions;
import java.time.Duration;

/**
 * How a gateway listens and serves: address, request limits, micro-batching, the decision
 * threshold of binary classifiers (0.5, as {@code kiln evaluate}'s default), how long a
 * shutdown waits for requests in flight, live drift (on by default), the request log (off
 * by default), and how predictions are journaled for late labels.
 */
public record GatewayOptions(String host, int port, Limits limits, Batching batching, double threshold,
    Duration drainTimeout, DriftOptions drift, RequestLogOptions requestLog, FeedbackOptions feedback) {

  public GatewayOptions(String host, int port, Limits limits, Batching batching, double threshold,
      Duration drainTimeout) {
    this(host, port, limits, batching, threshold, drainTimeout, DriftOptions.DEFAULT, RequestLogOptions.OFF,
        FeedbackOptions.DEFAULT);
  }

  public GatewayOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not a TCP port (0-65535; 0 picks a free one)");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("the threshold must lie between 0 and 1, found " + threshold);
    }
  }

  public static GatewayOptions defaults(String host, int port) {
    return new GatewayOptions(host, port, Limits.DEFAULT, Batching.OFF, 0.5, Duration.ofSeconds(30));
  }

  public GatewayOptions withBatching(Batching b) {
    return new GatewayOptions(host, port, limits, b, threshold, drainTimeout, drift, requestLog, feedback);
  }

  public GatewayOptions withLimits(Limits l) {
    return new GatewayOptions(host, port, l, batching, threshold, drainTimeout, drift, requestLog, feedback);
  }

  public GatewayOptions withDrift(DriftOptions d) {
    return new GatewayOptions(host, port, limits, batching, threshold, drainTimeout, d, requestLog, feedback);
  }

  public GatewayOptions withRequestLog(RequestLogOptions r) {
    return new GatewayOptions(host, port, limits, batching, threshold, drainTimeout, drift, r, feedback);
  }

  public GatewayOptions withFeedback(FeedbackOptions f) {
    return new GatewayOptions(host, port, limits, batching, threshold, drainTimeout, drift, requestLog, f);
  }
}
