package dev.kiln.serve.monitor;

import dev.kiln.release.gate.Threshold;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule watches in a window, each with the bound at which it holds (thresholds as the gate
 * and {@code rollback-if} write them: {@code "> 0.2"}). A drift condition decides per feature:
 * by its PSI when {@code psi} is given and the feature has one, else by the bound given for the
 * feature's own test ({@code ks}, {@code wasserstein}, ...), else by that test's verdict with the
 * defaults {@code kiln validate} uses.
 */
public sealed interface Condition {
  /** The key it is written under in a rule. */
  String key();

  /** Input drift: over {@code features} (all when empty), holds when the drifted share passes {@code share}. */
  record Drift(Map<String, Threshold> tests, List<String> features, Threshold share) implements Condition {
    public Drift {
      tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
      features = List.copyOf(features);
    }

    @Override
    public String key() {
      return "drift";
    }
  }

  /** Drift of the predictions against the reference predictions. */
  record PredictionDrift(Map<String, Threshold> tests) implements Condition {
    public PredictionDrift {
      tests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    }

    @Override
    public String key() {
      return "prediction-drift";
    }
  }

  /** Server errors per request. */
  record ErrorRate(Threshold bound) implements Condition {
    @Override
    public String key() {
      return "error-rate";
    }
  }

  /** Latency percentiles in ms: {@code p50_ms}, {@code p99_ms}; holds when any bound passes. */
  record Latency(Map<String, Threshold> bounds) implements Condition {
    public Latency {
      bounds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
    }

    @Override
    public String key() {
      return "latency";
    }
  }

  /** Live accuracy metrics over the labels that arrived; inconclusive under {@code minLabels}. */
  record Accuracy(Map<String, Threshold> metrics, long minLabels) implements Condition {
    public static final long DEFAULT_MIN_LABELS = 100;

    public Accuracy {
      metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    @Override
    public String key() {
      return "accuracy";
    }
  }

  /** The share bound a drift condition uses when none is written: any drifted feature. */
  static Threshold anyFeature() {
    return Threshold.parse("> 0", false);
  }
}
