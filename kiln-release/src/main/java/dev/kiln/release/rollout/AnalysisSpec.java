package dev.kiln.release.rollout;

import dev.kiln.release.gate.Threshold;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a candidate is judged each interval: the conditions that fail it ({@code rollback-if},
 * e.g. {@code error_rate: "> 0.01"}, {@code latency_p99_ms: "> 20"},
 * {@code prediction_psi: "> 0.2"}), the fewest requests a judgement needs, how many failed
 * analyses are tolerated before the rollout aborts ({@code failure-limit}), and how many
 * measurement errors in a row are ({@code consecutive-error-limit}, Argo Rollouts' default 4).
 */
public record AnalysisSpec(Map<String, Threshold> rollbackIf, long minSamples, int failureLimit,
    int consecutiveErrorLimit) {

  public static final long DEFAULT_MIN_SAMPLES = 50;
  public static final int DEFAULT_FAILURE_LIMIT = 1;
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

  public AnalysisSpec {
    rollbackIf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rollbackIf));
    if (minSamples < 0 || failureLimit < 0 || consecutiveErrorLimit < 0) {
      throw new IllegalArgumentException("analysis limits cannot be negative");
    }
  }

  public static AnalysisSpec of(Map<String, Threshold> rollbackIf) {
    return new AnalysisSpec(rollbackIf, DEFAULT_MIN_SAMPLES, DEFAULT_FAILURE_LIMIT, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
  }
}
