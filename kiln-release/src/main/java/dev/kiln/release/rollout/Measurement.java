package dev.kiln.release.rollout;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the gateway measured of the candidate over one analysis interval: how many requests it
 * saw and the figures the analysis reads (error_rate, latency_p99_ms, prediction_psi,
 * agreement, …). {@code error} is set when the measurement itself failed (an error, not a failure
 * of the candidate).
 */
public record Measurement(Instant at, long samples, Map<String, Double> values, Optional<String> error) {

  public Measurement {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Measurement of(Instant at, long samples, Map<String, Double> values) {
    return new Measurement(at, samples, values, Optional.empty());
  }

  public static Measurement failed(Instant at, String why) {
    return new Measurement(at, 0, Map.of(), Optional.of(why));
  }
}
