package dev.kiln.model.evaluate;

import dev.kiln.model.latency.LatencyProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to evaluate: the label column (default: the one the model was trained on), the positive
 * class and decision threshold for binary classifiers, columns to slice by, sensitive
 * attributes with optional privileged values, the minimum group size for fairness, and whether
 * to measure latency.
 */
public record EvaluationOptions(Optional<String> label, Optional<String> positive, double threshold,
    List<String> slices, List<String> sensitive, Map<String, String> privileged, int minGroupSize,
    Optional<LatencyProbe> latency) {

  public static final double DEFAULT_THRESHOLD = 0.5;
  public static final int DEFAULT_MIN_GROUP_SIZE = 30;

  public EvaluationOptions {
    slices = List.copyOf(slices);
    sensitive = List.copyOf(sensitive);
    privileged = Map.copyOf(privileged);
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1, found " + threshold);
    }
    if (minGroupSize < 1) {
      throw new IllegalArgumentException("the minimum group size must be at least 1");
    }
    for (String attr : privileged.keySet()) {
      if (!sensitive.contains(attr)) {
        throw new IllegalArgumentException("privileged value given for '" + attr + "', which is not a sensitive column");
      }
    }
  }

  public static EvaluationOptions defaults() {
    return new EvaluationOptions(Optional.empty(), Optional.empty(), DEFAULT_THRESHOLD, List.of(), List.of(), Map.of(),
        DEFAULT_MIN_GROUP_SIZE, Optional.empty());
  }

  public EvaluationOptions withLabel(String l) {
    return new EvaluationOptions(Optional.of(l), positive, threshold, slices, sensitive, privileged, minGroupSize, latency);
  }

  public EvaluationOptions withLatency(LatencyProbe probe) {
    return new EvaluationOptions(label, positive, threshold, slices, sensitive, privileged, minGroupSize,
        Optional.of(probe));
  }
}
